using ActorQueue.Cluster;

namespace ActorQueue.Storage.Sqlite;

/// <summary>The embedded store has one process, under an exclusive file lock: it always leads.</summary>
internal sealed class SqliteLeaderLock : ILeaderLock
{
    public Task<bool> TryAcquireAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<bool> StillHeldAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public Task ReleaseAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
