using System.CommandLine;
using System.Text;
using ActorQueue.Cli.Client;
using ActorQueue.Cli.Output;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Commands;

internal static partial class DatasetsCommands
{
    /// <summary>Results asked for per request; the seed's own default page.</summary>
    public const int ResultsPageSize = 1000;

    private static Command Show(GlobalOptions globals, CliContext context)
    {
        var id = IdArgument();
        var wait = OptionRules.WaitSeconds("Wait up to this many seconds until the dataset is completed or failed; exit 1 unless it completed");
        var command = new Command("show", "Show a dataset: status, rows received and processed, owner, errors and its state") { id, wait };
        // "get" as in aq jobs get: either verb works for both.
        command.Aliases.Add("get");
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var datasetId = parseResult.GetRequiredValue(id);
            var budget = parseResult.GetValue(wait) is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            var answer = budget is { } b
                ? await LongPoll.UntilFinalAsync((w, c) => client.GetDatasetAsync(datasetId, w, c), IsFinal, b, context.Time, ct)
                : await client.GetDatasetAsync(datasetId, null, ct);
            if (globals.WantsJson(parseResult))
            {
                context.Output.WriteLine(answer.Json);
            }
            else
            {
                DatasetTables.WriteDataset(context.Console, answer.Value);
            }

            return budget is { } waited ? Outcome(context, answer.Value, waited) : CliApp.Ok;
        });
        return command;
    }

    private static Command Results(GlobalOptions globals, CliContext context)
    {
        var id = IdArgument();
        var afterSeq = new Option<long?>("--after-seq") { Description = "Start after the row with this sequence number [default: 0, the beginning]", HelpName = "N" }
            .AtLeast(0L);
        var limit = new Option<long?>("--limit") { Description = "Print at most this many results in all [default: every one]", HelpName = "N" }
            .AtLeast(1L);
        var command = new Command("results", "Print the per-row outputs so far in sequence order, one JSON per line (NDJSON, with or without --json)")
        {
            id, afterSeq, limit,
        };
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var datasetId = parseResult.GetRequiredValue(id);
            var after = parseResult.GetValue(afterSeq) ?? 0;
            var remaining = parseResult.GetValue(limit) ?? long.MaxValue;
            var lines = new StringBuilder();
            while (remaining > 0)
            {
                var page = (await client.DatasetResultsAsync(datasetId, after, (int)Math.Min(remaining, ResultsPageSize), ct)).Value;
                lines.Clear();
                foreach (var result in page.Results)
                {
                    lines.Append(result.GetRawText()).Append('\n');
                }

                // One write per page: a million results are a thousand writes, not a million.
                await context.Output.WriteAsync(lines, ct);
                remaining -= page.Results.Count;
                if (page.NextAfterSeq is not { } next || page.Results.Count == 0)
                {
                    break;
                }

                after = next;
            }

            await context.Output.FlushAsync(ct);
            return CliApp.Ok;
        });
        return command;
    }

    private static bool IsFinal(DatasetView dataset) => dataset.Status is "completed" or "failed";

    /// <returns>0 when the dataset completed; 1 when it failed or is still not final after <paramref name="waited"/>.</returns>
    private static int Outcome(CliContext context, DatasetView dataset, TimeSpan waited)
    {
        switch (dataset.Status)
        {
            case "completed":
                return CliApp.Ok;
            case "failed":
                var failure = dataset.Failure is { } row ? $" at {DatasetTables.RowError(row)}" : "";
                context.Error.WriteLine(
                    $"aq: dataset {dataset.Id} failed{failure}. Fix the cause and run aq datasets resume {dataset.Id}, or skip such rows with --on-error skip.");
                return CliApp.Failed;
            default:
                var hint = dataset.Sealed ? "" : $"; it completes only once sealed (aq datasets seal {dataset.Id})";
                context.Error.WriteLine(
                    $"aq: dataset {dataset.Id} is still {dataset.Status} after waiting {waited.TotalSeconds:0.###} s ({dataset.RowsProcessed} of {dataset.RowsReceived} row(s) processed){hint}.");
                return CliApp.Failed;
        }
    }
}
