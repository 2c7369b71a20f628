using ActorQueue.Jobs;

namespace ActorQueue.Storage;

/// <summary>
/// The cluster's durable backbone (the ledger): jobs, their leases and outcomes, fenced members, the SBR
/// lease and the last known members. Each provider owns its SQL; core code never branches on the database.
/// Every method that finishes work is fenced by node and claim epoch, and a node the cluster removed
/// (<see cref="FenceNodeAsync"/>) can never take or finish work again.
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

    /// <summary>
    /// The in-process notifications this store raises after each of its commits, before the write returns
    /// (a caller that submits and then watches finds its submission's change raised). Other members' commits
    /// arrive as hints over Akka DistributedPubSub (the cluster's signal bridge); a hint can be lost, so every
    /// waiter also polls slowly.
    /// </summary>
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

    /// <summary>
    /// Leases up to <paramref name="max"/> available jobs of <paramref name="queue"/>, highest priority first,
    /// then oldest; each claim raises the job's claim epoch (<see cref="ClaimedJob.Epoch"/>).
    /// </summary>
    /// <exception cref="NodeFencedException">
    /// <paramref name="nodeId"/> was fenced (<see cref="FenceNodeAsync"/>); nothing was claimed. The check is
    /// part of the claim's own transaction, so no claim commits after the fence does.
    /// </exception>
    Task<IReadOnlyList<ClaimedJob>> ClaimAsync(string queue, string nodeId, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Records how an attempt ended. False when the node no longer holds that claim: the job is not running
    /// on <see cref="JobOutcome.NodeId"/> at <see cref="JobOutcome.Epoch"/> any more (fenced off).
    /// </summary>
    Task<bool> FinishAsync(JobOutcome outcome, CancellationToken cancellationToken);

    /// <summary>
    /// Records many outcomes in one round trip (each answer as for <see cref="FinishAsync"/>) and, when
    /// <paramref name="next"/> is given, claims up to that many jobs for the actors the outcomes freed, in
    /// the same transaction ("ack and fetch": one commit per cycle instead of two).
    /// </summary>
    /// <exception cref="NodeFencedException">
    /// The node of <paramref name="next"/> was fenced: nothing was claimed. The outcomes were still recorded as
    /// for <see cref="FinishAsync"/>; a fenced node's own are never applied (its jobs were rescued when it was fenced).
    /// </exception>
    Task<FinishResult> FinishManyAsync(IReadOnlyList<JobOutcome> outcomes, ClaimRequest? next, CancellationToken cancellationToken);

    Task<CancelResult> CancelAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Re-drives a discarded or cancelled job: back to available with a fresh set of attempts (its attempt counter
    /// back to 0, its <c>maxAttempts</c> unchanged); the errors of its earlier attempts are kept as history.
    /// </summary>
    Task<RetryResult> RetryAsync(string id, CancellationToken cancellationToken);

    /// <summary>Re-drives every discarded job (the whole dead-letter queue), each as <see cref="RetryAsync"/> does.</summary>
    Task<int> RetryAllDiscardedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Re-drives at most <paramref name="limit"/> discarded jobs, oldest first, in one transaction (the dashboard's
    /// capped "retry all"), and answers how many.
    /// </summary>
    Task<int> RetryDiscardedAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Extends the lease of each claim this node still holds, fenced by node AND epoch: a claim whose job was
    /// rescued (and maybe claimed again, even by this node) is answered as lost, not renewed. Answers too which
    /// held claims were asked to cancel and, in <see cref="ClaimRenewal.Fence"/>, that the node was fenced, so
    /// that it stops itself (then every claim is lost). Asks the store even for no claims, so an idle node hears it too.
    /// </summary>
    Task<ClaimRenewal> RenewClaimsAsync(string nodeId, IReadOnlyCollection<HeldClaim> claims, CancellationToken cancellationToken);

    /// <summary>
    /// Rescues running jobs whose lease lapsed, whose node is down or whose node was fenced: they run again,
    /// the attempt counted.
    /// </summary>
    Task<int> RescueAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Fences a member the cluster downed or removed, in ONE transaction: records its tombstone and rescues
    /// its running jobs at once, as <see cref="RescueAsync"/> would (available again, discarded when out of
    /// attempts, cancelled when asked to; an error "rescued: …" naming the node; signals after commit). From
    /// then on the node can claim nothing (<see cref="NodeFencedException"/>), finish nothing, renew nothing,
    /// even if it wakes up later. Idempotent: fencing again keeps the first tombstone and rescues what is left
    /// (nothing). Answers how many jobs it rescued. <paramref name="nodeId"/> is a per-process incarnation id.
    /// </summary>
    Task<int> FenceNodeAsync(string nodeId, string reason, CancellationToken cancellationToken);

    /// <summary>Makes scheduled and retryable jobs whose time has come available.</summary>
    Task<int> PromoteDueAsync(CancellationToken cancellationToken);

    /// <summary>When the next scheduled or retryable job becomes due, if any.</summary>
    Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Deletes finished jobs older than the retention, at most <paramref name="max"/> at a time, and answers how
    /// many. Also deletes node tombstones older than <paramref name="discardedBefore"/> (not counted).
    /// </summary>
    Task<int> PruneAsync(DateTimeOffset completedBefore, DateTimeOffset discardedBefore, int max, CancellationToken cancellationToken);

    /// <summary>How many jobs each member (by node id) is running now.</summary>
    Task<IReadOnlyDictionary<string, int>> CountRunningByNodeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Takes or extends the named lease row (the split-brain resolver's lease) for <paramref name="owner"/>
    /// until <paramref name="ttl"/> from now by the store's clock. True when the row was free, expired or
    /// already <paramref name="owner"/>'s (its expiry is then extended); false when another owner holds it.
    /// Atomic: of owners racing for a free lease exactly one wins.
    /// </summary>
    Task<bool> TryAcquireLeaseAsync(string name, string owner, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Gives the named lease up. True when <paramref name="owner"/> held it (and it had not expired).</summary>
    Task<bool> ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken);

    /// <summary>The live owner of the named lease, or null when it is free or expired (by the store's clock).</summary>
    Task<string?> LeaseOwnerAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the recorded cluster members with <paramref name="members"/> in one transaction (written by a
    /// cluster singleton whenever membership changes; the last writer wins). Stamps them with the store's
    /// clock (<see cref="ClusterMemberRecord.RecordedAt"/>). One record per <see cref="ClusterMemberRecord.NodeId"/>.
    /// </summary>
    Task RecordClusterMembersAsync(IReadOnlyList<ClusterMemberRecord> members, CancellationToken cancellationToken);

    /// <summary>The members last recorded, in the order they were given; empty when none were.</summary>
    Task<IReadOnlyList<ClusterMemberRecord>> ReadClusterMembersAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The store's identity: a random id created once, when the database was first migrated, and never
    /// changed. Two processes answer the same id exactly when they use the same database.
    /// </summary>
    Task<string> GetStoreIdAsync(CancellationToken cancellationToken);
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

/// <summary>A claim a node holds: the job and the epoch it was claimed at (<see cref="ClaimedJob.Epoch"/>).</summary>
public sealed record HeldClaim(string JobId, long Epoch);

/// <summary>
/// What renewing held claims found: the claims asked to cancel, the claims lost (rescued, finished or taken
/// again), and <see cref="Fence"/> when the node was fenced and must stop itself.
/// </summary>
public sealed record ClaimRenewal(IReadOnlyList<HeldClaim> CancelRequested, IReadOnlyList<HeldClaim> Lost, NodeFence? Fence);
