using System.CommandLine;
using ActorQueue.Cli.Client;
using ActorQueue.Cli.Output;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Commands;

/// <summary><c>aq datasets create|upload|seal|resume|show|list|results</c>: ordered, stateful row processing.</summary>
internal static partial class DatasetsCommands
{
    private static readonly string[] Policies = ["fail", "skip"];

    public static Command Create(GlobalOptions globals, CliContext context) =>
        new("datasets", "Datasets: rows processed strictly in order into per-row results and a running state")
        {
            CreateDataset(globals, context),
            Upload(globals, context),
            Seal(globals, context),
            Resume(globals, context),
            Show(globals, context),
            List(globals, context),
            Results(globals, context),
        };

    private static Command CreateDataset(GlobalOptions globals, CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "A name for people to recognise it by; the seed gives it an id" };
        var processor = new Option<string>("--processor")
        {
            Description = "The row processor: running-stats, delta, or one registered on the seed",
            HelpName = "P",
            Required = true,
        };
        var options = OptionRules.JsonObject("--options", "The processor's options, a JSON object",
            """{"keyColumn": "player", "valueColumns": ["points"]}""");
        var onError = new Option<string?>("--on-error")
        {
            Description = "A row the processor rejects: fail stops the dataset at it until resumed; skip records the error and goes on [default: fail]",
            HelpName = "fail|skip",
        }.OneOf(Policies);
        var command = new Command("create", "Create a dataset and print its id") { name, processor, options, onError };
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var request = new CreateDatasetRequest
            {
                Name = parseResult.GetRequiredValue(name),
                Processor = parseResult.GetRequiredValue(processor),
                Options = OptionRules.ParsePayload(parseResult.GetValue(options)),
                OnError = parseResult.GetValue(onError)?.ToLowerInvariant(),
            };
            var answer = await client.CreateDatasetAsync(request, ct);
            if (globals.WantsJson(parseResult))
            {
                context.Output.WriteLine(answer.Json);
                return CliApp.Ok;
            }

            // Only the id on stdout, so that ID=$(aq datasets create …) works; the summary is for people.
            var dataset = answer.Value;
            context.Output.WriteLine(dataset.Id);
            context.Error.WriteLine(
                $"Created dataset '{dataset.Name}' ({dataset.Processor}, on error: {dataset.OnError}). Next: aq datasets upload {dataset.Id} FILE --seal");
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Seal(GlobalOptions globals, CliContext context)
    {
        var id = IdArgument();
        var command = new Command("seal", "Say that no more rows will come: the dataset completes once every row is processed") { id };
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            WriteDatasetLine(context, await client.SealDatasetAsync(parseResult.GetRequiredValue(id), ct), globals.WantsJson(parseResult), "sealed");
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Resume(GlobalOptions globals, CliContext context)
    {
        var id = IdArgument();
        var onError = new Option<string?>("--on-error")
        {
            Description = "Change the policy first: skip records the rejected row and goes on; fail stops at the next one [default: unchanged]",
            HelpName = "skip|fail",
        }.OneOf(Policies);
        var command = new Command("resume", "Restart a failed dataset at the row it stopped at") { id, onError };
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var answer = await client.ResumeDatasetAsync(parseResult.GetRequiredValue(id), parseResult.GetValue(onError)?.ToLowerInvariant(), ct);
            WriteDatasetLine(context, answer, globals.WantsJson(parseResult), "resumed");
            return CliApp.Ok;
        });
        return command;
    }

    private static Command List(GlobalOptions globals, CliContext context)
    {
        var limit = new Option<int?>("--limit") { Description = "At most this many datasets (the seed has a default)", HelpName = "N" }.AtLeast(1);
        var command = new Command("list", "List datasets with their status and progress") { limit };
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var answer = await client.ListDatasetsAsync(parseResult.GetValue(limit), ct);
            if (globals.WantsJson(parseResult))
            {
                context.Output.WriteLine(answer.Json);
            }
            else
            {
                DatasetTables.WriteList(context.Console, answer.Value.Datasets);
            }

            return CliApp.Ok;
        });
        return command;
    }

    private static Argument<string> IdArgument() =>
        new("ID") { Description = "The dataset id (aq datasets create prints it, aq datasets list shows them)" };

    /// <summary>After seal or resume: the id, what was done and where the dataset stands now.</summary>
    private static void WriteDatasetLine(CliContext context, SeedAnswer<DatasetView> answer, bool json, string done)
    {
        var dataset = answer.Value;
        context.Output.WriteLine(json
            ? answer.Json
            : $"{dataset.Id} {done}: {DatasetTables.Status(dataset)}, {dataset.RowsProcessed} of {dataset.RowsReceived} row(s) processed (on error: {dataset.OnError}).");
    }
}
