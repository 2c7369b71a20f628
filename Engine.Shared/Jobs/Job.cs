namespace ActorQueue.Jobs;

/// <summary>A job as stored. Payload and result are raw JSON text.</summary>
public sealed record Job
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public required string Queue { get; init; }
    public required JobState State { get; init; }
    public int Attempt { get; init; }
    public int MaxAttempts { get; init; }
    public int Priority { get; init; }
    public string? Payload { get; init; }
    public string? Result { get; init; }
    public string? UniqueKey { get; init; }
    public int? TimeoutSeconds { get; init; }
    public DateTimeOffset EnqueuedAt { get; init; }
    public DateTimeOffset? ScheduledAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public string? Node { get; init; }
    public bool CancelRequested { get; init; }
    public IReadOnlyList<JobError> Errors { get; init; } = [];

    /// <summary>The W3C <c>traceparent</c> of the span that submitted the job; its trace id names the job's trace.</summary>
    public string? TraceParent { get; init; }
}

/// <summary>What went wrong in one attempt, and where.</summary>
public sealed record JobError(int Attempt, string? Node, DateTimeOffset At, string Message);
