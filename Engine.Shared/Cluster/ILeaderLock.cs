namespace ActorQueue.Cluster;

/// <summary>
/// The store's cluster-wide mutual exclusion for leader duties (a PostgreSQL advisory lock; trivially
/// held by the only process of an embedded SQLite store). <see cref="LeaderElection"/> decides when to use it.
/// </summary>
public interface ILeaderLock : IAsyncDisposable
{
    /// <summary>True when this process now holds the lock (it may already have held it).</summary>
    Task<bool> TryAcquireAsync(CancellationToken cancellationToken);

    /// <summary>True while the lock is still held; false once, for example, its connection is gone.</summary>
    Task<bool> StillHeldAsync(CancellationToken cancellationToken);

    Task ReleaseAsync(CancellationToken cancellationToken);
}
