using System.CommandLine;
using ActorQueue.Cli.Client;
using ActorQueue.Cli.Output;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Commands;

/// <summary><c>aq jobs submit|get|list|cancel|retry</c>.</summary>
internal static partial class JobsCommands
{
    public static Command Create(GlobalOptions globals, CliContext context) =>
        new("jobs", "Submit, inspect, cancel and retry jobs")
        {
            Submit(globals, context),
            Get(globals, context),
            List(globals, context),
            Cancel(globals, context),
            Retry(globals, context),
        };

    private static Command Get(GlobalOptions globals, CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The job id" };
        var wait = OptionRules.WaitSeconds("Wait up to this many seconds for a final state; exit 1 unless the job completed");
        var command = new Command("get", "Show one job") { id, wait };
        // "show" as in aq datasets show: either verb works for both.
        command.Aliases.Add("show");
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var jobId = parseResult.GetRequiredValue(id);
            var json = globals.WantsJson(parseResult);
            if (parseResult.GetValue(wait) is not { } seconds)
            {
                var answer = await client.GetJobAsync(jobId, null, ct);
                WriteJob(context, answer, json);
                return CliApp.Ok;
            }

            var budget = TimeSpan.FromSeconds(seconds);
            var final = await JobWaiter.WaitForFinalAsync(client, jobId, budget, context.Time, ct);
            return JobOutcome.Report(context, final, json, budget);
        });
        return command;
    }

    private static Command List(GlobalOptions globals, CliContext context)
    {
        var state = OptionRules.JobState();
        var queue = new Option<string?>("--queue") { Description = "Only jobs of this queue", HelpName = "QUEUE" };
        var kind = new Option<string?>("--kind") { Description = "Only jobs of this kind", HelpName = "KIND" };
        var limit = new Option<int?>("--limit") { Description = "At most this many jobs (the seed has a default)", HelpName = "N" }.AtLeast(1);
        var after = new Option<string?>("--after") { Description = "Continue after this cursor (printed under a full page)", HelpName = "CURSOR" };
        var command = new Command("list", "List jobs, newest first") { state, queue, kind, limit, after };
        command.SetListAction(globals, context, parseResult => new JobListQuery(
            OptionRules.ParseState(parseResult.GetValue(state)),
            parseResult.GetValue(queue),
            parseResult.GetValue(kind),
            parseResult.GetValue(limit),
            parseResult.GetValue(after)), JobTables.WriteList);
        return command;
    }

    private static Command Cancel(GlobalOptions globals, CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The job id" };
        var command = new Command("cancel", "Cancel a waiting job, or ask a running one to stop") { id };
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var answer = await client.CancelAsync(parseResult.GetRequiredValue(id), ct);
            WriteJobLine(context, answer, globals.WantsJson(parseResult));
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Retry(GlobalOptions globals, CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The job id (discarded or cancelled)" };
        var command = new Command("retry", "Put a discarded or cancelled job back to available") { id };
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var answer = await client.RetryAsync(parseResult.GetRequiredValue(id), ct);
            WriteJobLine(context, answer, globals.WantsJson(parseResult));
            return CliApp.Ok;
        });
        return command;
    }

    private static void WriteJob(CliContext context, SeedAnswer<JobView> answer, bool json)
    {
        if (json)
        {
            context.Output.WriteLine(answer.Json);
        }
        else
        {
            JobTables.WriteJob(context.Console, answer.Value);
        }
    }

    /// <summary>After cancel or retry: the id and the state it is in now.</summary>
    internal static void WriteJobLine(CliContext context, SeedAnswer<JobView> answer, bool json)
    {
        var job = answer.Value;
        context.Output.WriteLine(json
            ? answer.Json
            : $"{job.Id} {JobStates.Name(job.State)}" + (job.CancelRequested && !JobStates.IsFinal(job.State) ? " (cancel requested)" : ""));
    }
}
