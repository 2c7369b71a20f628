using System.Globalization;
using ActorQueue.Protocol;
using Spectre.Console;

namespace ActorQueue.Cli.Output;

/// <summary>What <c>aq classify</c> prints: the model, then its best classes, best first.</summary>
internal static class ClassifyTables
{
    public static void WritePredictions(IAnsiConsole console, string file, ClassifyJobResult result)
    {
        console.Write(new Text($"{file} (model {result.Model})"));
        console.WriteLine();
        var table = JobTables.NewTable("rank", "label", "index", "score");
        for (var i = 0; i < result.Predictions.Count; i++)
        {
            var prediction = result.Predictions[i];
            JobTables.AddRow(table,
                (i + 1).ToString(CultureInfo.InvariantCulture),
                prediction.Label ?? "",
                prediction.Index.ToString(CultureInfo.InvariantCulture),
                prediction.Score.ToString("0.0000", CultureInfo.InvariantCulture));
        }
        console.Write(table);
    }
}
