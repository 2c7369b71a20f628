using System.Text.Json;
using ActorQueue.Jobs;
using ActorQueue.Protocol;
using ActorQueue.Telemetry;

namespace ActorQueue.Seed.Gateway;

/// <summary>Maps stored jobs to their wire form.</summary>
internal static class JobViews
{
    public static JobView From(Job job) => new()
    {
        Id = job.Id,
        Kind = job.Kind,
        Queue = job.Queue,
        State = Wire(job.State),
        Attempt = job.Attempt,
        MaxAttempts = job.MaxAttempts,
        Priority = job.Priority,
        Payload = Json(job.Payload),
        UniqueKey = job.UniqueKey,
        TimeoutSeconds = job.TimeoutSeconds,
        EnqueuedAt = job.EnqueuedAt,
        ScheduledAt = job.ScheduledAt,
        StartedAt = job.StartedAt,
        CompletedAt = job.CompletedAt,
        Node = job.Node,
        CancelRequested = job.CancelRequested,
        Result = Json(job.Result),
        Errors = job.Errors.Select(e => new JobErrorView(e.Attempt, e.Node, e.At, e.Message)).ToList(),
        TraceId = TraceParents.TraceIdOf(job.TraceParent),
    };

    public static JobStateName Wire(JobState state) => (JobStateName)(int)state;

    private static JsonElement? Json(string? raw) =>
        raw is null ? null : JsonSerializer.Deserialize(raw, WireJsonContext.Default.JsonElement);
}
