using ActorQueue.Cluster;
using ActorQueue.Jobs;

namespace ActorQueue.Storage;

/// <summary>
/// The cluster's durable backbone: jobs, leases and membership. Each provider owns its SQL; core code
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

    Task UpsertNodeAsync(NodeRecord node, CancellationToken cancellationToken);

    /// <summary>
    /// Records a heartbeat (an unreachable member becomes up again) and answers the member's status as
    /// the cluster sees it — <c>leaving</c> or <c>down</c> tell the member to stop — or null when unknown.
    /// </summary>
    Task<NodeStatus?> HeartbeatAsync(string nodeId, CancellationToken cancellationToken);

    /// <summary>
    /// Marks members silent since <paramref name="unreachableBefore"/> unreachable and those silent since
    /// <paramref name="downBefore"/> down; answers the members whose status changed.
    /// </summary>
    Task<IReadOnlyList<NodeRecord>> MarkSilentMembersAsync(DateTimeOffset unreachableBefore, DateTimeOffset downBefore, CancellationToken cancellationToken);

    /// <summary>How many jobs each member is running now.</summary>
    Task<IReadOnlyDictionary<string, int>> CountRunningByNodeAsync(CancellationToken cancellationToken);

    Task SetNodeStatusAsync(string nodeId, NodeStatus status, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the queues and job kinds a member advertises, when what it can run changed after it joined
    /// (its model loaded or failed to); its status and heartbeat are left alone.
    /// </summary>
    Task SetNodeCapabilitiesAsync(string nodeId, IReadOnlyDictionary<string, int> queues, IReadOnlyDictionary<string, string> kinds, CancellationToken cancellationToken);

    /// <summary>Replaces the models a member advertises (<see cref="NodeRecord.Models"/>): a model loaded, or failed to.</summary>
    Task SetNodeModelsAsync(string nodeId, IReadOnlyList<ModelRecord> models, CancellationToken cancellationToken);

    /// <summary>Marks every member other than <paramref name="selfId"/> that is not already gone as down.</summary>
    Task<int> MarkOtherNodesDownAsync(string selfId, CancellationToken cancellationToken);

    Task<IReadOnlyList<NodeRecord>> ListNodesAsync(CancellationToken cancellationToken);

    /// <summary>A new handle on the cluster-wide leader lock (see <see cref="ILeaderLock"/>).</summary>
    ILeaderLock CreateLeaderLock();

    /// <summary>Records that <paramref name="nodeId"/> now runs the leader duties.</summary>
    Task RecordLeaderAsync(string nodeId, CancellationToken cancellationToken);

    /// <summary>The member that last took the leader duties, if any.</summary>
    Task<string?> GetLeaderAsync(CancellationToken cancellationToken);
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
