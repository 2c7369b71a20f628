using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ActorQueue.Cli.Client;
using ActorQueue.Cli.Output;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Commands;

/// <summary><c>aq classify FILE [--model NAME] [--top 5]</c>: classifies an image with a model the cluster serves and prints the best classes.</summary>
internal static class ClassifyCommand
{
    public static Command Create(GlobalOptions globals, CliContext context)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A JPEG, PNG or WebP image" };
        var top = new Option<int>("--top")
        {
            Description = "How many of the best classes to show",
            HelpName = "N",
            DefaultValueFactory = _ => 5,
        }.InRange(1, 1000);
        var model = new Option<string?>("--model")
        {
            Description = "The model to classify with (aq models list shows them); may be left out while the cluster serves exactly one",
            HelpName = "NAME",
        };
        var wait = OptionRules.WaitSeconds($"Wait up to this many seconds for the job (default {JobsCommands.DefaultSubmitWait.TotalSeconds:0})");

        var command = new Command("classify", "Classify an image with a model the seed or a node serves") { file, model, top, wait };
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var input = parseResult.GetRequiredValue(file);
            var image = await ImageFiles.ReadAsync(input, ct);
            var query = string.Create(CultureInfo.InvariantCulture, $"top={parseResult.GetValue(top)}");
            if (parseResult.GetValue(model) is { Length: > 0 } name)
            {
                query += "&model=" + Uri.EscapeDataString(name);
            }
            var submitted = await client.ClassifyAsync(image, ImageFiles.ContentType(input.Name), query, ct);
            var budget = parseResult.GetValue(wait) is { } seconds ? TimeSpan.FromSeconds(seconds) : JobsCommands.DefaultSubmitWait;
            var final = await JobWaiter.WaitForFinalAsync(client, submitted.Value.Id, budget, context.Time, ct);
            var json = globals.WantsJson(parseResult);
            if (final.Value.State != JobStateName.Completed || final.Value.Result is not { } result)
            {
                return JobOutcome.Report(context, final, json, budget);
            }
            if (json)
            {
                context.Output.WriteLine(final.Json);
            }
            else
            {
                var classified = result.Deserialize(WireJsonContext.Default.ClassifyJobResult)
                    ?? throw new SeedClientException("The finished job has no classification result.");
                ClassifyTables.WritePredictions(context.Console, input.Name, classified);
            }
            return CliApp.Ok;
        });
        return command;
    }
}
