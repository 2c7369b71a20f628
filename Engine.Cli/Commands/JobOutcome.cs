using ActorQueue.Cli.Client;
using ActorQueue.Cli.Output;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Commands;

/// <summary>Shows a job the user waited for and turns how it ended into the exit code.</summary>
internal static class JobOutcome
{
    /// <returns>0 when the job completed; 1 when it was discarded or cancelled or is still not final after <paramref name="waited"/>.</returns>
    public static int Report(CliContext context, SeedAnswer<JobView> answer, bool json, TimeSpan waited)
    {
        var job = answer.Value;
        if (json)
        {
            context.Output.WriteLine(answer.Json);
        }
        else
        {
            JobTables.WriteJob(context.Console, job);
        }

        switch (job.State)
        {
            case JobStateName.Completed:
                return CliApp.Ok;
            case JobStateName.Discarded or JobStateName.Cancelled:
                var error = JobTables.LastError(job);
                context.Error.WriteLine(
                    $"aq: job {job.Id} was {JobStates.Name(job.State)} after {job.Attempt} of {job.MaxAttempts} attempts"
                    + (error is null ? "." : $"; last error: {error}"));
                return CliApp.Failed;
            default:
                context.Error.WriteLine(
                    $"aq: job {job.Id} is still {JobStates.Name(job.State)} after waiting {waited.TotalSeconds:0.###} s.");
                return CliApp.Failed;
        }
    }
}
