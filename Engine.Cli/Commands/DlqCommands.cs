using System.CommandLine;
using ActorQueue.Cli.Client;
using ActorQueue.Cli.Output;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Commands;

/// <summary><c>aq dlq list</c> and <c>aq dlq retry ID|--all</c>: the dead-letter queue is the set of discarded jobs.</summary>
internal static class DlqCommands
{
    public static Command Create(GlobalOptions globals, CliContext context) =>
        new("dlq", "The dead-letter queue: jobs discarded after their last attempt")
        {
            List(globals, context),
            Retry(globals, context),
        };

    private static Command List(GlobalOptions globals, CliContext context)
    {
        var queue = new Option<string?>("--queue") { Description = "Only jobs of this queue", HelpName = "QUEUE" };
        var kind = new Option<string?>("--kind") { Description = "Only jobs of this kind", HelpName = "KIND" };
        var limit = new Option<int?>("--limit") { Description = "At most this many jobs", HelpName = "N" }.AtLeast(1);
        var after = new Option<string?>("--after") { Description = "Continue after this cursor", HelpName = "CURSOR" };
        var command = new Command("list", "List discarded jobs with their last error") { queue, kind, limit, after };
        command.SetListAction(globals, context, parseResult => new JobListQuery(
            JobStateName.Discarded,
            parseResult.GetValue(queue),
            parseResult.GetValue(kind),
            parseResult.GetValue(limit),
            parseResult.GetValue(after)), JobTables.WriteDeadLetters);
        return command;
    }

    private static Command Retry(GlobalOptions globals, CliContext context)
    {
        var id = new Argument<string?>("ID") { Description = "The discarded job to re-drive", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Re-drive every discarded job" };
        var command = new Command("retry", "Put discarded jobs back to available") { id, all };
        command.Validators.Add(result =>
        {
            var hasId = !string.IsNullOrEmpty(result.GetValue(id));
            var hasAll = result.GetValue(all);
            if (hasId == hasAll)
            {
                result.AddError("Give either a job ID or --all (not both, not neither).");
            }
        });
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var json = globals.WantsJson(parseResult);
            if (parseResult.GetValue(id) is { Length: > 0 } jobId)
            {
                JobsCommands.WriteJobLine(context, await client.RetryAsync(jobId, ct), json);
                return CliApp.Ok;
            }

            var answer = await client.RetryAllDiscardedAsync(ct);
            context.Output.WriteLine(json ? answer.Json : $"Re-drove {answer.Value.Retried} discarded job(s).");
            return CliApp.Ok;
        });
        return command;
    }
}
