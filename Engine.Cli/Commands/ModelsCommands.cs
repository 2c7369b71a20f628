using System.CommandLine;
using ActorQueue.Cli.Output;
using ActorQueue.Inference.Demo;

namespace ActorQueue.Cli.Commands;

/// <summary>
/// <c>aq models list</c>: the models the cluster serves (input, outputs, labels, batching, on which nodes);
/// <c>aq models demo DIR</c>: writes the project's own demo model (<c>DIR/colours</c>) into a model repository.
/// </summary>
internal static class ModelsCommands
{
    public static Command Create(GlobalOptions globals, CliContext context) =>
        new("models", "Models: list what the cluster serves, or write the demo model into a model repository")
        {
            List(globals, context),
            Demo(context),
        };

    private static Command List(GlobalOptions globals, CliContext context)
    {
        var command = new Command("list", "List every model of the live members: input, outputs, labels, batching, and on which nodes it is loaded (or why it failed)");
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var answer = await client.ModelsAsync(ct);
            if (globals.WantsJson(parseResult))
            {
                context.Output.WriteLine(answer.Json);
            }
            else
            {
                ModelTables.WriteModels(context.Console, answer.Value);
            }
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Demo(CliContext context)
    {
        var directory = new Argument<DirectoryInfo>("DIR") { Description = "The model repository to write into (created if missing), e.g. artifacts/models" };
        var command = new Command("demo",
            "Write the demo model 'colours' (a colour classifier written as ONNX by this project) with its model.json, labels and sample PNGs into DIR/colours")
        {
            directory,
        };
        command.SetAction(parseResult =>
        {
            var target = parseResult.GetRequiredValue(directory);
            string folder;
            try
            {
                folder = DemoModel.Write(target.FullName);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"aq: cannot write the demo model into {target.FullName}: {exception.Message}");
                return CliApp.Failed;
            }
            context.Output.WriteLine($"Wrote the model '{DemoModel.Name}' to {folder} (model.onnx, model.json, labels.txt, samples/*.png).");
            context.Output.WriteLine($"Serve it with: Engine.Seed --models {target.FullName}");
            return CliApp.Ok;
        });
        return command;
    }
}
