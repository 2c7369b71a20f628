using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorQueue.Protocol;

/// <summary>
/// The body of <c>POST /api/jobs</c> and of the TCP <c>submit</c> request. A field it does not have is refused
/// (a typo such as <c>queeu</c> would otherwise be dropped silently and the job sent somewhere else).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class SubmitJobRequest
{
    public string? Kind { get; set; }
    public JsonElement? Payload { get; set; }
    public string? Queue { get; set; }
    public int? Priority { get; set; }
    public int? MaxAttempts { get; set; }
    public string? UniqueKey { get; set; }
    public DateTimeOffset? RunAt { get; set; }
    public int? TimeoutSeconds { get; set; }
}

/// <summary>
/// The answer to a submission: <c>existing</c> is true when a job with the same unique key was returned;
/// <c>traceId</c> is the trace a new job was stored under.
/// </summary>
public sealed record SubmitJobResponse(string Id, JobStateName State, DateTimeOffset EnqueuedAt, bool Existing)
{
    public string? TraceId { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class SubmitBatchRequest
{
    public List<SubmitJobRequest>? Jobs { get; set; }
}

/// <summary>
/// The answer to a batch: the ids in submission order; with <c>?wait=</c>, also the jobs as they were when
/// all were final or the wait ran out (in the same order).
/// </summary>
public sealed record SubmitBatchResponse(IReadOnlyList<string> Ids)
{
    public IReadOnlyList<JobView>? Jobs { get; init; }
}

/// <summary>A job as the HTTP API, the TCP protocol and the CLI show it.</summary>
public sealed record JobView
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public required string Queue { get; init; }
    public required JobStateName State { get; init; }
    public int Attempt { get; init; }
    public int MaxAttempts { get; init; }
    public int Priority { get; init; }
    public JsonElement? Payload { get; init; }
    public string? UniqueKey { get; init; }
    public int? TimeoutSeconds { get; init; }
    public DateTimeOffset EnqueuedAt { get; init; }
    public DateTimeOffset? ScheduledAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public string? Node { get; init; }
    public bool CancelRequested { get; init; }
    public JsonElement? Result { get; init; }
    public IReadOnlyList<JobErrorView> Errors { get; init; } = [];

    /// <summary>The W3C trace id (32 hex digits) of the trace the job was submitted in: its spans and log lines carry it.</summary>
    public string? TraceId { get; init; }
}

public sealed record JobErrorView(int Attempt, string? Node, DateTimeOffset At, string Message);

/// <summary>A page of <c>GET /api/jobs</c>; pass <c>next</c> back as <c>after</c> for the following page.</summary>
public sealed record JobListResponse(IReadOnlyList<JobView> Jobs, string? Next);

/// <summary>
/// The answer of <c>POST /api/dlq/retry</c>: how many discarded jobs were re-driven (all, or at most <c>?limit=N</c>,
/// oldest first) and, with a limit, how many are left in the dead-letter queue.
/// </summary>
public sealed record RetryAllResponse(int Retried)
{
    public long? Remaining { get; init; }
}

/// <summary>
/// One Server-Sent Event of <c>GET /api/jobs/{id}/events</c>. The final event (completed, discarded or
/// cancelled) also carries the job's <see cref="Result"/> and <see cref="Errors"/>, so that a client need
/// not fetch the job again.
/// </summary>
public sealed record JobEventView(string Id, JobStateName State, int Attempt, DateTimeOffset At)
{
    public JsonElement? Result { get; init; }

    public IReadOnlyList<JobErrorView>? Errors { get; init; }
}

/// <summary>Job states as they appear on the wire (camelCase strings).</summary>
public enum JobStateName
{
    [JsonStringEnumMemberName("available")] Available,
    [JsonStringEnumMemberName("scheduled")] Scheduled,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("retryable")] Retryable,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("discarded")] Discarded,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}
