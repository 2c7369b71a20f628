using ActorQueue.Hosting;
using ActorQueue.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorQueue.Cluster;

/// <summary>
/// Decides when this process runs the leader duties: exactly one process at a time holds the store's
/// leader lock. The seed leads by preference — a worker node only competes while no seed is up, and
/// hands the lock back when a seed returns.
/// </summary>
internal sealed class LeaderElection(IStore store, NodeIdentity self, IOptions<ClusterOptions> options, TimeProvider time, ILogger<LeaderElection> logger)
{
    /// <summary>
    /// Waits until this process leads, then runs <paramref name="duties"/> with a token that is cancelled when
    /// leadership is lost; repeats until <paramref name="stoppingToken"/> fires.
    /// </summary>
    public async Task RunWhileLeaderAsync(Func<CancellationToken, Task> duties, CancellationToken stoppingToken)
    {
        var interval = options.Value.Heartbeat;
        await using var leaderLock = store.CreateLeaderLock();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await MayCompeteAsync(stoppingToken) && await leaderLock.TryAcquireAsync(stoppingToken))
                {
                    await store.RecordLeaderAsync(self.Id, stoppingToken);
                    ClusterLog.BecameLeader(logger, self.Name);
                    using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    var running = duties(lost.Token);
                    try
                    {
                        while (!stoppingToken.IsCancellationRequested && await leaderLock.StillHeldAsync(stoppingToken) && await MayCompeteAsync(stoppingToken))
                        {
                            await Task.Delay(interval, time, stoppingToken);
                        }
                    }
                    finally
                    {
                        // However leadership ends (lost, stopping, a failed check), the duties are told and
                        // waited for. A linked token alone is not enough: CancelAsync on the stopping token
                        // reaches it later, and by then it may be disposed.
                        await lost.CancelAsync();
                        await running.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    }
                    await running; // a duty's failure is the election's to log
                    await leaderLock.ReleaseAsync(CancellationToken.None);
                    ClusterLog.LeadershipEnded(logger, self.Name);
                }
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                ClusterLog.ElectionFailed(logger, exception);
                await Task.Delay(interval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// A seed always competes; a worker node only while no seed is alive. "Alive" is judged by the
    /// heartbeat, not the recorded status: marking a dead seed down is itself a leader duty, so waiting
    /// for that status would leave the cluster without a leader.
    /// </summary>
    private async Task<bool> MayCompeteAsync(CancellationToken cancellationToken)
    {
        if (self.Role == NodeRole.Seed || store.SingleProcess)
        {
            return true;
        }
        var members = await store.ListNodesAsync(cancellationToken);
        var silentSince = time.GetUtcNow() - TimeSpan.FromSeconds(options.Value.UnreachableAfterSeconds);
        return !members.Any(m => m.Role == NodeRole.Seed && m.Status == NodeStatus.Up && m.HeartbeatAt > silentSince && m.Id != self.Id);
    }
}
