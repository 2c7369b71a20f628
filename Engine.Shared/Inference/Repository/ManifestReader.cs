using System.Text.Json;
using static ActorQueue.Inference.Repository.ManifestFields;

namespace ActorQueue.Inference.Repository;

/// <summary>
/// Reads the fields of one <c>model.json</c> strictly: a field of the wrong type or value, a required field
/// left out, an unknown field — each stops the model with one sentence that names the model, the field and
/// what to declare (<see cref="ModelRefusedException"/>).
/// </summary>
internal sealed class ManifestReader
{
    private readonly string _model;
    private readonly Dictionary<string, JsonElement> _fields;

    private ManifestReader(string model, Dictionary<string, JsonElement> fields)
    {
        _model = model;
        _fields = fields;
    }

    /// <summary>The fields of <paramref name="json"/>, refusing malformed JSON, anything but an object, unknown and repeated fields.</summary>
    public static ManifestReader Parse(string model, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new ModelRefusedException(
                $"Model '{model}': model.json is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}); write it as one JSON object, e.g. {{\"input\": \"data_0\", \"layout\": \"NCHW\", …}}.");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ModelRefusedException($"Model '{model}': model.json holds a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object; write it as one JSON object of the fields {string.Join(", ", All)}.");
            }
            var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!All.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw new ModelRefusedException($"Model '{model}': model.json has the unknown field \"{property.Name}\"; the fields are {string.Join(", ", All)}.");
                }
                if (!fields.TryAdd(property.Name, property.Value.Clone()))
                {
                    throw new ModelRefusedException($"Model '{model}': model.json declares \"{property.Name}\" twice; declare it once.");
                }
            }
            return new ManifestReader(model, fields);
        }
    }

    public bool Has(string field) => _fields.ContainsKey(field);

    /// <summary>A required field's element; refuses the model when it is left out.</summary>
    public JsonElement Required(string field) =>
        _fields.TryGetValue(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new ModelRefusedException($"Model '{_model}': model.json does not declare \"{field}\"; declare {WhatToDeclare(field)}.");

    public string RequiredString(string field) => Text(field, Required(field));

    public string? OptionalString(string field) => _fields.TryGetValue(field, out var value) ? Text(field, value) : null;

    /// <summary>A required field that is one of <paramref name="choices"/> (case-insensitive).</summary>
    public T Choice<T>(string field, (string Name, T Value)[] choices) => ChoiceOf(field, Required(field), choices);

    public T? OptionalChoice<T>(string field, (string Name, T Value)[] choices) where T : struct =>
        _fields.TryGetValue(field, out var value) ? ChoiceOf(field, value, choices) : null;

    public double Number(string field, JsonElement value, double min, double max, bool integer = false, bool exclusiveMin = false) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            && (exclusiveMin ? number > min : number >= min) && number <= max && (!integer || number == Math.Floor(number))
            ? number
            : throw Wrong(field, value);

    /// <summary>Three numbers (positive ones when <paramref name="positive"/>), in the model's channel order.</summary>
    public float[] PerChannel(string field, bool positive)
    {
        var value = Required(field);
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 3)
        {
            var count = value.ValueKind == JsonValueKind.Array ? $"{value.GetArrayLength()} number(s)" : value.GetRawText();
            throw new ModelRefusedException($"Model '{_model}': model.json has \"{field}\" with {count}; declare three, one per channel in the model's channel order ({WhatToDeclare(field)}).");
        }
        return value.EnumerateArray()
            .Select(item => (float)Number(field, item, positive ? 0 : double.MinValue, double.MaxValue, exclusiveMin: positive))
            .ToArray();
    }

    /// <summary>The <c>batching</c> object's fields, refusing unknown ones.</summary>
    public (JsonElement? MaxBatch, JsonElement? MaxDelayMs) Batching()
    {
        if (!_fields.TryGetValue(ManifestFields.Batching, out var batching))
        {
            return (null, null);
        }
        if (batching.ValueKind != JsonValueKind.Object)
        {
            throw Wrong(ManifestFields.Batching, batching);
        }
        JsonElement? maxBatch = null, maxDelay = null;
        foreach (var property in batching.EnumerateObject())
        {
            switch (property.Name)
            {
                case MaxBatch: maxBatch = property.Value; break;
                case MaxDelayMs: maxDelay = property.Value; break;
                default:
                    throw new ModelRefusedException($"Model '{_model}': model.json has the unknown field \"batching.{property.Name}\"; batching takes \"{MaxBatch}\" and \"{MaxDelayMs}\".");
            }
        }
        return (maxBatch, maxDelay);
    }

    public ModelRefusedException Wrong(string field, JsonElement value)
    {
        var text = value.GetRawText();
        return new ModelRefusedException(
            $"Model '{_model}': model.json has \"{field}\": {(text.Length > 60 ? text[..57] + "..." : text)}; declare {WhatToDeclare(field)}.");
    }

    private string Text(string field, JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text && text.Trim().Length > 0 ? text.Trim() : throw Wrong(field, value);

    private T ChoiceOf<T>(string field, JsonElement value, (string Name, T Value)[] choices) =>
        value.ValueKind == JsonValueKind.String && SettingRules.TryChoice(value.GetString(), out T chosen, choices) ? chosen : throw Wrong(field, value);
}
