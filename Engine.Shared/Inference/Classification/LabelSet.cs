using System.Globalization;
using System.Text.Json;

namespace ActorQueue.Inference.Classification;

/// <summary>
/// Class names by index, read from a labels file in one of three forms: one label per line (the line
/// number is the index); <c>index,label</c> per line (e.g. <c>0,tench, Tinca tinca</c>: only the first comma
/// separates); or the <c>imagenet_class_index.json</c> object <c>{"0": ["n01440764", "tench"], …}</c> (the last
/// string of each entry is the label). Surrounding quotes and whitespace are trimmed from labels.
/// </summary>
internal sealed class LabelSet
{
    private readonly string?[] _labels;

    private LabelSet(string?[] labels) => _labels = labels;

    /// <summary>Number of indices covered (the highest index + 1).</summary>
    public int Count => _labels.Length;

    /// <summary>The label of class <paramref name="index"/>, or null when the file names none.</summary>
    public string? this[int index] => index >= 0 && index < _labels.Length ? _labels[index] : null;

    /// <summary>Reads a labels file; throws <see cref="InferenceConfigurationException"/> with one sentence when it cannot.</summary>
    public static LabelSet Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InferenceConfigurationException($"The labels file {path} cannot be read: {exception.Message}", exception);
        }
        return Parse(text, path);
    }

    /// <summary>Parses labels text; <paramref name="source"/> names it in error messages.</summary>
    public static LabelSet Parse(string text, string source)
    {
        var labels = text.TrimStart().StartsWith('{') ? FromJson(text, source) : FromLines(text);
        if (labels.Length == 0)
        {
            throw new InferenceConfigurationException($"The labels file {source} has no labels.");
        }
        return new LabelSet(labels);
    }

    private static string?[] FromLines(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        while (lines.Count > 0 && lines[^1].Trim().Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        var indexed = lines.Count > 0 && lines.All(l => l.Trim().Length == 0 || TryIndexed(l, out _, out _));
        if (!indexed)
        {
            return lines.Select(l => Clean(l) is { Length: > 0 } label ? label : null).ToArray();
        }
        var byIndex = new Dictionary<int, string>();
        foreach (var line in lines.Where(l => l.Trim().Length > 0))
        {
            TryIndexed(line, out var index, out var label);
            byIndex[index] = label;
        }
        var result = new string?[byIndex.Keys.Max() + 1];
        foreach (var (index, label) in byIndex)
        {
            result[index] = label;
        }
        return result;
    }

    private static bool TryIndexed(string line, out int index, out string label)
    {
        var comma = line.IndexOf(',', StringComparison.Ordinal);
        label = comma > 0 ? Clean(line[(comma + 1)..]) : string.Empty;
        return int.TryParse(comma > 0 ? line[..comma].Trim() : null, NumberStyles.None, CultureInfo.InvariantCulture, out index)
            && index < 1_000_000;
    }

    private static string?[] FromJson(string text, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var byIndex = new Dictionary<int, string>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= 1_000_000)
                {
                    throw new InferenceConfigurationException($"The labels file {source} has the key '{property.Name}', which is not a class index.");
                }
                byIndex[index] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => Clean(property.Value.GetString()!),
                    JsonValueKind.Array when property.Value.GetArrayLength() > 0 => Clean(property.Value[property.Value.GetArrayLength() - 1].GetString() ?? string.Empty),
                    _ => throw new InferenceConfigurationException($"The labels file {source} gives class {index} a {property.Value.ValueKind}; use a string or [id, label]."),
                };
            }
            var result = new string?[byIndex.Count == 0 ? 0 : byIndex.Keys.Max() + 1];
            foreach (var (index, label) in byIndex)
            {
                result[index] = label;
            }
            return result;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new InferenceConfigurationException($"The labels file {source} looks like JSON but is not an object of index → label: {exception.Message}", exception);
        }
    }

    private static string Clean(string label) => label.Trim().Trim('"').Trim();
}
