namespace ActorQueue.Jobs;

/// <summary>
/// How one attempt of a claimed job ended. The store applies it fenced by node and claim epoch
/// (<see cref="ClaimedJob.Epoch"/>): only the claim that is still current can finish the job.
/// </summary>
public abstract record JobOutcome(string JobId, string NodeId, int Attempt, long Epoch)
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

    public sealed record Completed(string JobId, string NodeId, int Attempt, long Epoch, string? Result) : JobOutcome(JobId, NodeId, Attempt, Epoch);

    /// <summary>The attempt failed and the job runs again at <paramref name="RetryAt"/>.</summary>
    public sealed record Retry(string JobId, string NodeId, int Attempt, long Epoch, string Message, DateTimeOffset RetryAt) : JobOutcome(JobId, NodeId, Attempt, Epoch);

    /// <summary>The attempt failed and the job never runs again: attempts used up, or bad input.</summary>
    public sealed record Discard(string JobId, string NodeId, int Attempt, long Epoch, string Message) : JobOutcome(JobId, NodeId, Attempt, Epoch);

    public sealed record Cancelled(string JobId, string NodeId, int Attempt, long Epoch, string Message) : JobOutcome(JobId, NodeId, Attempt, Epoch);

    /// <summary>
    /// The node gives the job back unstarted in spirit (shutdown deadline): the attempt is not counted. The
    /// claim epoch is never given back, so a later claim of the same attempt number is still a new claim.
    /// </summary>
    public sealed record Released(string JobId, string NodeId, int Attempt, long Epoch) : JobOutcome(JobId, NodeId, Attempt, Epoch);
}
