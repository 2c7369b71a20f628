using ActorQueue.Cluster;
using ActorQueue.Jobs;
using ActorQueue.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorQueue.Hosting.Duties;

/// <summary>
/// The cluster-wide chores that must run somewhere exactly once: rescue jobs whose node stopped renewing
/// its leases, promote scheduled and retryable jobs when they fall due, prune finished jobs past their
/// retention, mark silent members unreachable and then down. They run only while this process holds the
/// leadership (<see cref="LeaderElection"/>): the seed by preference, a worker node while no seed is up.
/// </summary>
internal sealed class LeaderDuties(
    IStore store,
    NodeIdentity node,
    IOptions<WorkerNodeOptions> nodeOptions,
    IOptions<ClusterOptions> clusterOptions,
    LeaderElection election,
    JobOptions jobOptions,
    TimeProvider time,
    ILogger<LeaderDuties> logger) : BackgroundService
{
    private static readonly TimeSpan MaxScheduleSleep = TimeSpan.FromSeconds(1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (store.SingleProcess)
        {
            // Nobody else can hold the store, so every earlier member is a dead process: rescue now
            // instead of waiting for their leases to lapse.
            var down = await store.MarkOtherNodesDownAsync(node.Id, cancellationToken);
            if (down > 0)
            {
                HostingLog.StaleMembersDown(logger, down);
            }
            await RescueAsync(cancellationToken);
            await store.RecordLeaderAsync(node.Id, cancellationToken);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        election.RunWhileLeaderAsync(RunDutiesAsync, stoppingToken);

    /// <summary>Every duty, until <paramref name="leading"/> says leadership ended (or the process stops).</summary>
    private async Task RunDutiesAsync(CancellationToken leading)
    {
        await RescueQuietlyAsync(leading);
        await Task.WhenAll(
            EveryAsync(clusterOptions.Value.Heartbeat, MarkSilentMembersAsync, leading),
            EveryAsync(TimeSpan.FromSeconds(nodeOptions.Value.RescueIntervalSeconds), RescueAsync, leading),
            EveryAsync(TimeSpan.FromSeconds(nodeOptions.Value.PruneIntervalSeconds), PruneAsync, leading),
            PromoteLoopAsync(leading));
    }

    private async Task RescueQuietlyAsync(CancellationToken leading)
    {
        try
        {
            await RescueAsync(leading);
        }
        catch (OperationCanceledException) when (leading.IsCancellationRequested)
        {
            // Leadership ended before the first rescue.
        }
        catch (Exception exception)
        {
            HostingLog.DutyFailed(logger, "rescue", exception);
        }
    }

    /// <summary>Silence first makes a member unreachable, then down; a member going down has its jobs rescued at once.</summary>
    private async Task MarkSilentMembersAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var options = clusterOptions.Value;
        var changed = await store.MarkSilentMembersAsync(
            now - TimeSpan.FromSeconds(options.UnreachableAfterSeconds), now - TimeSpan.FromSeconds(options.DownAfterSeconds), cancellationToken);
        foreach (var member in changed)
        {
            ClusterLog.Reachability(logger, member.Name, member.Id, member.Status.ToString().ToLowerInvariant(), (now - member.HeartbeatAt).TotalSeconds);
        }
        if (changed.Any(m => m.Status == NodeStatus.Down))
        {
            await RescueAsync(cancellationToken);
        }
        foreach (var member in changed.Where(m => m.Status == NodeStatus.Down))
        {
            // Its datasets move now instead of when their leases lapse.
            await ((IDatasetStore)store).ReleaseDatasetLeasesOfAsync(member.Id, cancellationToken);
        }
    }

    private async Task RescueAsync(CancellationToken cancellationToken)
    {
        var rescued = await store.RescueAsync(cancellationToken);
        if (rescued > 0)
        {
            HostingLog.JobsRescued(logger, rescued);
        }
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var completedBefore = now - TimeSpan.FromHours(jobOptions.CompletedRetentionHours);
        var discardedBefore = now - TimeSpan.FromHours(jobOptions.DiscardedRetentionHours);
        int pruned, total = 0;
        do
        {
            pruned = await store.PruneAsync(completedBefore, discardedBefore, 5000, cancellationToken);
            total += pruned;
        }
        while (pruned > 0 && !cancellationToken.IsCancellationRequested);
        if (total > 0)
        {
            HostingLog.JobsPruned(logger, total);
        }
    }

    /// <summary>Sleeps until the next job falls due (at most a second), or until the schedule changes.</summary>
    private async Task PromoteLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var promoted = await store.PromoteDueAsync(stoppingToken);
                if (promoted > 0)
                {
                    HostingLog.JobsPromoted(logger, promoted);
                }
                var next = await store.NextDueAtAsync(stoppingToken);
                var sleep = next is { } due ? due - time.GetUtcNow() : MaxScheduleSleep;
                if (sleep > TimeSpan.Zero)
                {
                    await store.Signals.WaitForScheduleChangeAsync(sleep < MaxScheduleSleep ? sleep : MaxScheduleSleep, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                HostingLog.DutyFailed(logger, "promote", exception);
                await Task.Delay(MaxScheduleSleep, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task EveryAsync(TimeSpan interval, Func<CancellationToken, Task> duty, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
                await duty(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                HostingLog.DutyFailed(logger, duty.Method.Name, exception);
            }
        }
    }
}
