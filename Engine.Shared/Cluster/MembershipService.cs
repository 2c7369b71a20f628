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
/// When what it can run changes after it joined (a model failed to load), it advertises that anew, and so
/// for its models (<see cref="IModelAdvertiser"/>: loading, ready or failed).
/// </summary>
internal sealed class MembershipService(
    IStore store,
    NodeIdentity node,
    IOptions<WorkerNodeOptions> nodeOptions,
    IOptions<ClusterOptions> clusterOptions,
    LocalKinds localKinds,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<MembershipService> logger) : BackgroundService
{
    private readonly SemaphoreSlim _advertising = new(1, 1);
    private bool _runsWorkers;
    private IModelAdvertiser? _models;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _runsWorkers = services.GetService<WorkerNode>() is not null;
        _models = _runsWorkers ? services.GetService<IModelAdvertiser>() : null;
        // Listen first and join under the lock: a change that happens while joining is written after the join.
        localKinds.Changed += OnCapabilitiesChanged;
        if (_models is not null)
        {
            _models.ModelsChanged += OnModelsChanged;
        }
        await _advertising.WaitAsync(cancellationToken);
        try
        {
            var (queues, kinds) = Capabilities();
            await store.UpsertNodeAsync(new NodeRecord
            {
                Id = node.Id,
                Name = node.Name,
                Role = node.Role,
                Address = node.Address,
                Status = NodeStatus.Up,
                StartedAt = node.StartedAt,
                HeartbeatAt = time.GetUtcNow(),
                Queues = queues,
                Kinds = kinds,
                Models = _models?.Models ?? [],
            }, cancellationToken);
        }
        finally
        {
            _advertising.Release();
        }
        ClusterLog.Joined(logger, node.Name, node.Id);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// The queues this member claims from and the kinds it can run now. A member advertises its kinds so
    /// that a seed without those handlers accepts them; one without workers advertises none.
    /// </summary>
    private (Dictionary<string, int> Queues, Dictionary<string, string> Kinds) Capabilities() => _runsWorkers
        ? (nodeOptions.Value.EffectiveQueues.Where(q => localKinds.IsQueueOpen(q.Key)).ToDictionary(), new Dictionary<string, string>(localKinds.Kinds, StringComparer.Ordinal))
        : ([], new Dictionary<string, string>(StringComparer.Ordinal));

    private void OnCapabilitiesChanged() => _ = AdvertiseAsync();

    /// <summary>Writes what this member can run now; one write at a time, each with the state as it is when it runs.</summary>
    private async Task AdvertiseAsync()
    {
        await _advertising.WaitAsync();
        try
        {
            var (queues, kinds) = Capabilities();
            await store.SetNodeCapabilitiesAsync(node.Id, queues, kinds, CancellationToken.None);
            ClusterLog.CapabilitiesChanged(logger, node.Name, string.Join(",", kinds.Keys.Order(StringComparer.Ordinal)));
        }
        catch (Exception exception)
        {
            ClusterLog.CapabilitiesFailed(logger, exception);
        }
        finally
        {
            _advertising.Release();
        }
    }

    private void OnModelsChanged() => _ = AdvertiseModelsAsync();

    /// <summary>Writes this member's models as they are when it runs; one write at a time, like the capabilities.</summary>
    private async Task AdvertiseModelsAsync()
    {
        await _advertising.WaitAsync();
        try
        {
            await store.SetNodeModelsAsync(node.Id, _models!.Models, CancellationToken.None);
        }
        catch (Exception exception)
        {
            ClusterLog.CapabilitiesFailed(logger, exception);
        }
        finally
        {
            _advertising.Release();
        }
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
        localKinds.Changed -= OnCapabilitiesChanged;
        if (_models is not null)
        {
            _models.ModelsChanged -= OnModelsChanged;
        }
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
