using System.Text.Json;

namespace ActorQueue.Jobs;

/// <summary>What a handler knows about the attempt it runs.</summary>
public sealed class JobContext
{
    internal JobContext(ClaimedJob job, JsonElement payload)
    {
        Id = job.Id;
        Kind = job.Kind;
        Queue = job.Queue;
        Attempt = job.Attempt;
        MaxAttempts = job.MaxAttempts;
        NodeId = job.NodeId;
        Payload = payload;
    }

    public string Id { get; }
    public string Kind { get; }
    public string Queue { get; }
    public int Attempt { get; }
    public int MaxAttempts { get; }
    public string NodeId { get; }

    /// <summary>The submitted payload; <see cref="JsonValueKind.Undefined"/> when none was given.</summary>
    public JsonElement Payload { get; }

    /// <summary>A string property of the payload, or <paramref name="fallback"/> when absent.</summary>
    public string? GetString(string property, string? fallback = null) =>
        Payload.ValueKind == JsonValueKind.Object && Payload.TryGetProperty(property, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw new JobDiscardException($"payload.{property} must be a string.")
            : fallback;

    /// <summary>An integer property of the payload, or <paramref name="fallback"/> when absent.</summary>
    public long? GetInt64(string property, long? fallback = null) =>
        Payload.ValueKind == JsonValueKind.Object && Payload.TryGetProperty(property, out var value)
            ? value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
                ? number
                : throw new JobDiscardException($"payload.{property} must be an integer.")
            : fallback;
}
