using System.Text.Json;

namespace ActorQueue.Tests.Logging;

/// <summary>Parses a log line as a strict JSON reader would: one object, no duplicate keys.</summary>
internal static class StrictJson
{
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false };

    public static JsonElement ParseLine(string line)
    {
        using var document = JsonDocument.Parse(line, Options);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        return document.RootElement.Clone();
    }
}
