using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ActorQueue.Protocol;
using Spectre.Console;

namespace ActorQueue.Cli.Output;

/// <summary>Spectre renderings of datasets: the list, and one dataset with its errors and state.</summary>
internal static class DatasetTables
{
    /// <summary>How many keys of a state object <c>aq datasets show</c> prints; <c>--json</c> prints them all.</summary>
    public const int StateKeysShown = 10;

    /// <summary>How many recorded row errors <c>aq datasets show</c> lists.</summary>
    public const int ErrorsShown = 5;

    private static readonly JsonWriterOptions Pretty = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteList(IAnsiConsole console, IReadOnlyList<DatasetView> datasets)
    {
        if (datasets.Count == 0)
        {
            console.WriteLine("No datasets.");
            return;
        }

        var table = JobTables.NewTable("id", "name", "processor", "status", "received", "processed", "errors", "owner", "updated");
        foreach (var dataset in datasets)
        {
            JobTables.AddRow(table, dataset.Id, dataset.Name, dataset.Processor, Status(dataset), Count(dataset.RowsReceived),
                Count(dataset.RowsProcessed), Count(dataset.ErrorCount), Owner(dataset) ?? "", JobTables.Time(dataset.UpdatedAt));
        }

        console.Write(table);
    }

    public static void WriteDataset(IAnsiConsole console, DatasetView dataset)
    {
        var grid = JobTables.NewFields();
        void Field(string name, string? value) => JobTables.AddField(grid, name, value);

        Field("id", dataset.Id);
        Field("name", dataset.Name);
        Field("processor", dataset.Processor);
        Field("options", JobTables.Json(dataset.Options));
        Field("on error", dataset.OnError);
        Field("status", Status(dataset));
        Field("rows received", Count(dataset.RowsReceived));
        Field("rows processed", Count(dataset.RowsProcessed));
        Field("owner", Owner(dataset) ?? "none (no node hosts its entity now)");
        Field("created", JobTables.Time(dataset.CreatedAt));
        Field("updated", JobTables.Time(dataset.UpdatedAt));
        Field("failure", dataset.Failure is { } failure ? RowError(failure) : null);
        Field("errors", Count(dataset.ErrorCount));
        console.Write(grid);

        if (dataset.Errors.Count > 0)
        {
            var errors = JobTables.NewTable("seq", "error");
            foreach (var error in dataset.Errors.Take(ErrorsShown))
            {
                JobTables.AddRow(errors, Count(error.Seq), error.Message);
            }

            console.Write(errors);
            var more = dataset.ErrorCount - Math.Min(dataset.Errors.Count, ErrorsShown);
            if (more > 0)
            {
                console.WriteLine($"… and {Count(more)} more error(s).");
            }
        }

        if (dataset.State is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } state)
        {
            console.WriteLine("state:");
            console.Write(new Text(StateText(state, StateKeysShown) + "\n"));
        }
    }

    /// <summary>The state as indented JSON; of an object only the first <paramref name="keys"/> keys, with a line saying how many more there are.</summary>
    internal static string StateText(JsonElement state, int keys)
    {
        var total = state.ValueKind == JsonValueKind.Object ? state.EnumerateObject().Count() : 0;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Pretty))
        {
            if (total > keys)
            {
                writer.WriteStartObject();
                foreach (var property in state.EnumerateObject().Take(keys))
                {
                    property.WriteTo(writer);
                }

                writer.WriteEndObject();
            }
            else
            {
                state.WriteTo(writer);
            }
        }

        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        return total > keys
            ? $"{text}\n… {Count(total - keys)} more key(s), {Count(total)} in all (--json prints the whole state)"
            : text;
    }

    public static string RowError(DatasetRowErrorView error) => $"row {Count(error.Seq)}: {error.Message}";

    public static string Status(DatasetView dataset) =>
        dataset.Sealed && dataset.Status is "open" or "failed" ? $"{dataset.Status} (sealed)" : dataset.Status;

    private static string? Owner(DatasetView dataset) =>
        dataset.Owner is null ? null
        : dataset.OwnerName is { Length: > 0 } name ? $"{name} ({dataset.Owner})"
        : dataset.Owner;

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
