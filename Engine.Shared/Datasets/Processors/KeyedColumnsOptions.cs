using System.Text.Json;

namespace ActorQueue.Datasets.Processors;

/// <summary>The options of the built-in processors: <c>{"keyColumn": "player", "valueColumns": ["points", "rebounds"]}</c>.</summary>
internal sealed record KeyedColumnsOptions(string KeyColumn, IReadOnlyList<string> ValueColumns)
{
    public static KeyedColumnsOptions Parse(string processor, JsonElement options)
    {
        if (options.ValueKind != JsonValueKind.Object)
        {
            throw new DatasetOptionsException($"{processor} needs options {{\"keyColumn\": \"…\", \"valueColumns\": [\"…\"]}}.");
        }
        string? key = null;
        List<string>? values = null;
        foreach (var property in options.EnumerateObject())
        {
            switch (property.Name)
            {
                case "keyColumn" when property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 } name:
                    key = name;
                    break;
                case "keyColumn":
                    throw new DatasetOptionsException($"{processor}: keyColumn must be a non-empty string.");
                case "valueColumns":
                    values = ParseColumns(processor, property.Value);
                    break;
                default:
                    throw new DatasetOptionsException($"{processor}: unknown option '{property.Name}' (expected keyColumn and valueColumns).");
            }
        }
        if (key is null)
        {
            throw new DatasetOptionsException($"{processor}: the option keyColumn is required.");
        }
        if (values is null)
        {
            throw new DatasetOptionsException($"{processor}: the option valueColumns is required.");
        }
        if (values.Contains(key, StringComparer.Ordinal))
        {
            throw new DatasetOptionsException($"{processor}: the key column '{key}' cannot also be a value column.");
        }
        return new KeyedColumnsOptions(key, values);
    }

    private static List<string> ParseColumns(string processor, JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            throw new DatasetOptionsException($"{processor}: valueColumns must be a non-empty array of column names.");
        }
        var columns = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } column)
            {
                throw new DatasetOptionsException($"{processor}: valueColumns must contain only non-empty strings.");
            }
            if (columns.Contains(column, StringComparer.Ordinal))
            {
                throw new DatasetOptionsException($"{processor}: the value column '{column}' is listed twice.");
            }
            columns.Add(column);
        }
        return columns;
    }
}
