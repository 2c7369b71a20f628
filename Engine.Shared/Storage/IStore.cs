using ActorQueue.Jobs;

namespace ActorQueue.Storage;

/// <summary>
/// The cluster's durable backbone (the ledger): jobs, their leases and outcomes. Each provider owns its SQL; core code
/// never branches on the database. Every method that finishes work is fenced by node and attempt.
/// </summary>
public interface IStore : IAsyncDisposable
{
    /// <summary>What the store points at, without secrets (e.g. <c>sqlite:/data/aq.db</c>).</summary>
    string Description { get; }

    /// <summary>
    /// True when this process alone can use the store (the embedded SQLite file, held under an exclusive
    /// lock): every other member recorded in it is then known to be dead.
    /// </summary>
    bool SingleProcess { get; }

    /// <summary>The in-process notifications this store raises after each commit.</summary>
    JobSignals Signals { get; }

    /// <summary>Applies pending migrations. Safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<bool> PingAsync(CancellationToken cancellationToken);

    Task<SubmitResult> SubmitAsync(JobSubmission submission, CancellationToken cancellationToken);

    /// <summary>Inserts every submission in one transaction: all or none.</summary>
    Task<IReadOnlyList<SubmitResult>> SubmitBatchAsync(IReadOnlyList<JobSubmission> submissions, CancellationToken cancellationToken);

    Task<Job?> GetAsync(string id, CancellationToken cancellationToken);

    Task<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<QueueStateCount>> CountByQueueAndStateAsync(CancellationToken cancellationToken);

    /// <summary>Leases up to <paramref name="max"/> available jobs of <paramref name="queue"/>, highest priority first, then oldest.</summary>
    Task<IReadOnlyList<ClaimedJob>> ClaimAsync(string queue, string nodeId, int max, CancellationToken cancellationToken);

    /// <summary>Records how an attempt ended. False when the node no longer holds the job (fenced off).</summary>
    Task<bool> FinishAsync(JobOutcome outcome, CancellationToken cancellationToken);

    /// <summary>
    /// Records many outcomes in one round trip (each answer as for <see cref="FinishAsync"/>) and, when
    /// <paramref name="next"/> is given, claims up to that many jobs for the actors the outcomes freed, in
    /// the same transaction ("ack and fetch": one commit per cycle instead of two).
    /// </summary>
    Task<FinishResult> FinishManyAsync(IReadOnlyList<JobOutcome> outcomes, ClaimRequest? next, CancellationToken cancellationToken);

    Task<CancelResult> CancelAsync(string id, CancellationToken cancellationToken);

    /// <summary>Re-drives a discarded or cancelled job: back to available with one more attempt allowed.</summary>
    Task<RetryResult> RetryAsync(string id, CancellationToken cancellationToken);

    /// <summary>Re-drives every discarded job (the whole dead-letter queue).</summary>
    Task<int> RetryAllDiscardedAsync(CancellationToken cancellationToken);

    /// <summary>Extends the leases of the jobs this node runs; answers which of them were asked to cancel and which were lost.</summary>
    Task<LeaseRenewal> RenewLeasesAsync(string nodeId, IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken);

    /// <summary>Rescues running jobs whose lease lapsed or whose node is down: they run again, the attempt counted.</summary>
    Task<int> RescueAsync(CancellationToken cancellationToken);

    /// <summary>Makes scheduled and retryable jobs whose time has come available.</summary>
    Task<int> PromoteDueAsync(CancellationToken cancellationToken);

    /// <summary>When the next scheduled or retryable job becomes due, if any.</summary>
    Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken);

    /// <summary>Deletes finished jobs older than the retention, at most <paramref name="max"/> at a time.</summary>
    Task<int> PruneAsync(DateTimeOffset completedBefore, DateTimeOffset discardedBefore, int max, CancellationToken cancellationToken);

    /// <summary>How many jobs each member (by node id) is running now.</summary>
    Task<IReadOnlyDictionary<string, int>> CountRunningByNodeAsync(CancellationToken cancellationToken);
}

public enum CancelOutcome
{
    NotFound,
    Cancelled,
    StopRequested,
    AlreadyFinal,
}

public sealed record CancelResult(CancelOutcome Outcome, Job? Job);

public enum RetryOutcome
{
    NotFound,
    Retried,
    NotRetryable,
}

public sealed record RetryResult(RetryOutcome Outcome, Job? Job);

/// <summary>Claim up to <paramref name="Max"/> jobs of <paramref name="Queue"/> for <paramref name="NodeId"/>.</summary>
public sealed record ClaimRequest(string Queue, string NodeId, int Max);

/// <summary>Which outcomes were applied (false: fenced off), and the jobs claimed next.</summary>
public sealed record FinishResult(IReadOnlyList<bool> Applied, IReadOnlyList<ClaimedJob> Claimed);

public sealed record LeaseRenewal(IReadOnlyList<string> CancelRequested, IReadOnlyList<string> Lost);
