using System.Globalization;
using System.Text.Json;

namespace ActorQueue.Datasets;

/// <summary>
/// One row of a dataset: its sequence number and its fields, a JSON object. CSV rows arrive as strings
/// (header → value); NDJSON rows keep their JSON types. The accessors accept both.
/// </summary>
public readonly struct DatasetRow(long seq, JsonElement fields)
{
    /// <summary>The row's position in the dataset, from 1, gapless.</summary>
    public long Seq { get; } = seq;

    /// <summary>The row as received (a JSON object).</summary>
    public JsonElement Fields { get; } = fields;

    /// <summary>The field as text (numbers and booleans as written), or null when absent or JSON null.</summary>
    public string? GetString(string column)
    {
        if (!Fields.TryGetProperty(column, out var value))
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => throw new RowRejectedException($"column '{column}' is a JSON {value.ValueKind.ToString().ToLowerInvariant()}, not a value"),
        };
    }

    /// <summary>The field as a non-empty string; a missing or empty field rejects the row.</summary>
    public string GetRequiredString(string column)
    {
        var text = GetString(column);
        return string.IsNullOrEmpty(text) ? throw new RowRejectedException($"column '{column}' is missing or empty") : text;
    }

    /// <summary>The field as a finite number (a JSON number or a string in invariant culture); anything else rejects the row.</summary>
    public double GetDouble(string column)
    {
        if (!Fields.TryGetProperty(column, out var value))
        {
            throw new RowRejectedException($"column '{column}' is missing");
        }
        double number;
        var ok = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out number),
            JsonValueKind.String => double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number),
            _ => (number = 0) is 0 && false,
        };
        if (!ok || !double.IsFinite(number))
        {
            var shown = value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : value.GetRawText();
            throw new RowRejectedException($"column '{column}' is {Truncate(shown)}, not a number");
        }
        return number;
    }

    private static string Truncate(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
