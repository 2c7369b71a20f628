namespace ActorQueue.Jobs;

/// <summary>How one attempt of a claimed job ended; the store applies it fenced by node and attempt.</summary>
public abstract record JobOutcome(string JobId, string NodeId, int Attempt)
{
    /// <summary>The claimed row's store key (<see cref="ClaimedJob.RowKey"/>), when known.</summary>
    public long RowKey { get; init; }

    /// <summary>The job's queue, when known; saves the store looking it up for its notifications.</summary>
    public string? Queue { get; init; }

    /// <summary>
    /// When the attempt failed, by the node's clock: the time on its error, so that the gap between two
    /// errors is at least the retry delay between them. Null: the time the store writes the outcome.
    /// </summary>
    public DateTimeOffset? FailedAt { get; init; }

    public sealed record Completed(string JobId, string NodeId, int Attempt, string? Result) : JobOutcome(JobId, NodeId, Attempt);

    /// <summary>The attempt failed and the job runs again at <paramref name="RetryAt"/>.</summary>
    public sealed record Retry(string JobId, string NodeId, int Attempt, string Message, DateTimeOffset RetryAt) : JobOutcome(JobId, NodeId, Attempt);

    /// <summary>The attempt failed and the job never runs again: attempts used up, or bad input.</summary>
    public sealed record Discard(string JobId, string NodeId, int Attempt, string Message) : JobOutcome(JobId, NodeId, Attempt);

    public sealed record Cancelled(string JobId, string NodeId, int Attempt, string Message) : JobOutcome(JobId, NodeId, Attempt);

    /// <summary>The node gives the job back unstarted in spirit (shutdown deadline): the attempt is not counted.</summary>
    public sealed record Released(string JobId, string NodeId, int Attempt) : JobOutcome(JobId, NodeId, Attempt);
}
