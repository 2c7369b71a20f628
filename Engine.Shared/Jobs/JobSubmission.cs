namespace ActorQueue.Jobs;

/// <summary>A validated request to enqueue a job (see <see cref="JobSubmissionValidator"/>).</summary>
public sealed record JobSubmission
{
    public required string Kind { get; init; }
    public required string Queue { get; init; }
    public string? Payload { get; init; }
    public int Priority { get; init; }
    public required int MaxAttempts { get; init; }
    public string? UniqueKey { get; init; }
    public DateTimeOffset? RunAt { get; init; }
    public int? TimeoutSeconds { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the span that submitted the job, stored with it so that the node that runs
    /// it continues the same trace (see <see cref="Telemetry.JobTracing"/>); null when nothing traced the submission.
    /// </summary>
    public string? TraceParent { get; init; }
}

/// <summary>The outcome of a submission; <see cref="Existing"/> is true for a unique-key hit.</summary>
public sealed record SubmitResult(string Id, JobState State, DateTimeOffset EnqueuedAt, bool Existing);
