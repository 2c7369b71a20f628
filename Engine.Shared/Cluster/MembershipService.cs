using ActorQueue.Hosting;
using ActorQueue.Jobs;
using ActorQueue.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorQueue.Cluster;

/// <summary>
/// This process's membership: it joins (records itself as up), heartbeats, and obeys what the cluster
/// decided about it — <c>leaving</c> (graceful: the host stops, so the worker node drains) or <c>down</c>
/// (fenced: its leases are already gone, so it stops at once). On a clean stop it records <c>left</c>.
/// </summary>
internal sealed class MembershipService(
    IStore store,
    NodeIdentity node,
    IOptions<WorkerNodeOptions> nodeOptions,
    IOptions<ClusterOptions> clusterOptions,
    JobHandlerRegistry registry,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<MembershipService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var runsWorkers = services.GetService<WorkerNode>() is not null;
        await store.UpsertNodeAsync(new NodeRecord
        {
            Id = node.Id,
            Name = node.Name,
            Role = node.Role,
            Address = node.Address,
            Status = NodeStatus.Up,
            StartedAt = node.StartedAt,
            HeartbeatAt = time.GetUtcNow(),
            Queues = runsWorkers ? nodeOptions.Value.EffectiveQueues.ToDictionary() : new Dictionary<string, int>(),
            // A member advertises the kinds it can run, so that a seed without those handlers accepts them.
            Kinds = runsWorkers ? registry.Kinds.ToDictionary(kind => kind, registry.DefaultQueueOf, StringComparer.Ordinal) : new Dictionary<string, string>(),
        }, cancellationToken);
        ClusterLog.Joined(logger, node.Name, node.Id);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(clusterOptions.Value.Heartbeat, time, stoppingToken);
                var status = await store.HeartbeatAsync(node.Id, stoppingToken);
                if (status == NodeStatus.Leaving)
                {
                    ClusterLog.AskedToLeave(logger, node.Name);
                    lifetime.StopApplication();
                    return;
                }
                if (status == NodeStatus.Down)
                {
                    ClusterLog.MarkedDown(logger, node.Name);
                    Environment.ExitCode = 1;
                    lifetime.StopApplication();
                    return;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                ClusterLog.HeartbeatFailed(logger, exception);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await store.SetNodeStatusAsync(node.Id, NodeStatus.Left, cancellationToken);
            ClusterLog.Left(logger, node.Name);
        }
        catch (Exception exception)
        {
            ClusterLog.HeartbeatFailed(logger, exception);
        }
    }
}
