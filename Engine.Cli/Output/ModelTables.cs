using System.Globalization;
using ActorQueue.Protocol;
using Spectre.Console;

namespace ActorQueue.Cli.Output;

/// <summary>What <c>aq models list</c> prints: one row per model, its nodes with their state, then the reasons of failed loads.</summary>
internal static class ModelTables
{
    public static void WriteModels(IAnsiConsole console, ModelListView list)
    {
        if (list.Models.Count == 0)
        {
            console.WriteLine("No models: no live member serves one. Start the seed or a node with --models DIR (aq models demo DIR writes one).");
            return;
        }
        var table = JobTables.NewTable("model", "input", "outputs", "labels", "batching", "nodes");
        foreach (var model in list.Models)
        {
            JobTables.AddRow(table,
                model.Name,
                model.Input is { } input ? $"{input.Name} {Shape(input.Shape)} {input.Layout}" : "",
                string.Join(", ", model.Outputs.Select(o => $"{o.Name} {Shape(o.Shape)}")),
                model.Labels is { } labels ? labels.Count is { } count ? $"{count} ({labels.File})" : labels.File : "",
                model.Batching is { } batching ? string.Create(CultureInfo.InvariantCulture, $"max {batching.MaxBatch}, delay {batching.MaxDelayMs:0.##} ms") : "",
                string.Join(", ", model.Nodes.Select(n => $"{n.Name} ({n.State})")));
        }
        console.Write(table);
        foreach (var model in list.Models)
        {
            foreach (var node in model.Nodes.Where(n => n.Error is not null))
            {
                console.WriteLine($"{model.Name} on {node.Name}: {node.Error}");
            }
        }
    }

    private static string Shape(IReadOnlyList<long>? shape) =>
        shape is null ? "" : "[" + string.Join(",", shape.Select(d => d < 0 ? "?" : d.ToString(CultureInfo.InvariantCulture))) + "]";
}
