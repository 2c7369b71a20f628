using System.Collections.Concurrent;
using ActorQueue.Actors;
using ActorQueue.Cluster.Directory;
using ActorQueue.Hosting;
using ActorQueue.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Datasets.Sharding;

/// <summary>
/// This node's part of the dataset sharding, as in Akka's cluster sharding. Every pass (each
/// <see cref="DatasetOptions.RegionInterval"/>, or at once when rows arrive or a lease is released) it
/// renews its leases, works out its fair share of the active datasets (ceil(active / regions up)), hands
/// off what it holds beyond that at a batch boundary, takes free or expired leases up to it, wakes its
/// actors that have rows waiting, and passivates those idle for <see cref="DatasetOptions.PassivateAfter"/>.
/// </summary>
internal sealed class ShardRegion(
    IStore store,
    IDatasetStore datasets,
    NodeIdentity node,
    MembershipView membership,
    RowProcessorRegistry processors,
    DatasetOptions options,
    TimeProvider time,
    ILoggerFactory loggerFactory) : BackgroundService
{
    private readonly ConcurrentDictionary<string, RegionMember> _owned = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggerFactory.CreateLogger<ShardRegion>();
    private ActorSystem? _actors;
    private DateTimeOffset _lastRenewal;

    /// <summary>Datasets this node owns now.</summary>
    public int OwnedCount => _owned.Count;

    public IReadOnlyCollection<string> OwnedDatasets => _owned.Keys.ToArray();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _actors = new ActorSystem($"{node.Name}-datasets", time, loggerFactory);
        _actors.Escalated += OnEscalated;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                DatasetLog.RegionPassFailed(_logger, options.RegionIntervalSeconds, exception);
            }
            try
            {
                await store.Signals.WaitForDatasetWorkAsync(options.RegionInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        await ForgetExitedAsync();
        await RenewAsync(cancellationToken);
        var work = await datasets.ListDatasetWorkAsync(cancellationToken);
        ForgetInactive(work);
        var share = FairShare(work.Count);
        HandOffBeyond(share);
        await AcquireUpTo(share, work, cancellationToken);
        foreach (var item in work)
        {
            if (item.HasPendingRows && _owned.TryGetValue(item.Id, out var member) && !member.HandingOff)
            {
                member.Actor?.TryTell(ProcessRows.Instance);
            }
        }
        Passivate(work);
    }

    private int FairShare(int active)
    {
        // Regions run where workers run; count this node even before the directory shows it up.
        var regions = Math.Max(1, membership.Current.Members.Count(m => m.Status == "up" && m.Roles.Contains(Akka.AkkaNodeSettings.WorkerRole) && m.Id != node.Id) + 1);
        return Math.Min(options.MaxOwnedPerNode, (active + regions - 1) / regions);
    }

    /// <summary>Owned datasets that are no longer active here (completed by a seal, taken over): their actors stop.</summary>
    private void ForgetInactive(IReadOnlyList<DatasetWork> work)
    {
        var mine = work.Where(w => w.Owner == node.Id).Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var member in _owned.Values)
        {
            if (member.ExitReason is null && !member.HandingOff && !mine.Contains(member.Lease.DatasetId))
            {
                member.Exit(DatasetActorExit.LeaseLost);
            }
        }
    }

    private void HandOffBeyond(int share)
    {
        var keeping = _owned.Values.Where(m => !m.HandingOff && m.ExitReason is null).ToList();
        // Move the datasets that are furthest behind last: hand off the idle ones first, then the newest leases.
        foreach (var member in keeping.OrderByDescending(m => m.IdleSince.HasValue).ThenByDescending(m => m.Lease.Epoch).Take(Math.Max(0, keeping.Count - share)))
        {
            BeginHandOff(member, $"rebalancing: this node's fair share is {share}");
        }
    }

    private async Task AcquireUpTo(int share, IReadOnlyList<DatasetWork> work, CancellationToken cancellationToken)
    {
        var holding = _owned.Values.Count(m => !m.HandingOff);
        foreach (var item in work)
        {
            if (holding >= share)
            {
                return;
            }
            if (item.Owner is not null || !item.HasPendingRows || _owned.ContainsKey(item.Id))
            {
                continue;
            }
            if (!processors.TryGet(item.Processor, out var processor))
            {
                DatasetLog.ProcessorMissing(_logger, item.Id, item.Processor);
                continue;
            }
            var lease = await datasets.TryAcquireDatasetAsync(item.Id, node.Id, options.Lease, cancellationToken);
            if (lease is null)
            {
                continue;
            }
            DatasetLog.Acquired(_logger, lease.DatasetId, lease.Epoch, lease.Checkpoint);
            Spawn(lease, processor);
            holding++;
        }
    }

    private void Spawn(DatasetLease lease, IRowProcessor processor)
    {
        var member = new RegionMember(lease, time, store.Signals.NotifyDatasetWork);
        member.Progressed(lease.Checkpoint);
        var props = Props.Create(() => new DatasetActor(lease, processor, datasets, options, member, _logger))
            .WithSupervisor(SupervisorStrategy.Default with { MaxRestarts = 5, MaxBackoff = TimeSpan.FromSeconds(2) });
        _owned[lease.DatasetId] = member;
        member.Actor = _actors!.ActorOf(props, $"dataset-{lease.DatasetId}-{lease.Epoch}");
        member.Actor.TryTell(ProcessRows.Instance);
    }

    private void Passivate(IReadOnlyList<DatasetWork> work)
    {
        var pending = work.Where(w => w.HasPendingRows).Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        foreach (var member in _owned.Values)
        {
            if (!member.HandingOff && member.IdleSince is { } idle && now - idle >= options.PassivateAfter && !pending.Contains(member.Lease.DatasetId))
            {
                BeginHandOff(member, "passivated: idle");
            }
        }
    }

    private void BeginHandOff(RegionMember member, string reason)
    {
        member.HandingOff = true;
        if (member.Actor is not { } actor || !actor.TryTell(new HandOff(reason)))
        {
            member.HandingOff = false;
        }
    }

    /// <summary>Leases of idle actors are renewed here; a working actor renews with every commit, this too.</summary>
    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - _lastRenewal < options.Lease / 3)
        {
            return;
        }
        _lastRenewal = now;
        foreach (var member in _owned.Values)
        {
            if (member.ExitReason is null && !await datasets.RenewDatasetLeaseAsync(member.Lease, options.Lease, cancellationToken))
            {
                // Taken over (this node was paused or marked down) or finished by a seal: stop writing.
                DatasetLog.LeaseLost(_logger, member.Lease.DatasetId, member.Lease.Epoch);
                member.Exit(DatasetActorExit.LeaseLost);
            }
        }
    }

    private async Task ForgetExitedAsync()
    {
        foreach (var (id, member) in _owned)
        {
            if (member.ExitReason is not null && _owned.TryRemove(new(id, member)) && member.Actor is { } actor)
            {
                await _actors!.StopAsync(actor);
            }
        }
    }

    private void OnEscalated(object? sender, ActorEscalatedEventArgs e)
    {
        foreach (var member in _owned.Values)
        {
            if (ReferenceEquals(member.Actor, e.Actor))
            {
                DatasetLog.ActorCrashed(_logger, member.Lease.DatasetId, e.Exception);
                // Give the dataset back: after a lease period any node (this one too) tries again.
                member.Exit(DatasetActorExit.LeaseLost);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Hand everything off at a batch boundary, so other nodes take over at once instead of after a lease.
        var handOffs = _owned.Values
            .Where(m => m.ExitReason is null && m.Actor is not null)
            .Select(m => HandOffOnStopAsync(m, cancellationToken))
            .ToList();
        await Task.WhenAll(handOffs);
        await base.StopAsync(cancellationToken);
        if (_actors is not null)
        {
            await _actors.DisposeAsync();
        }
        DatasetLog.RegionStopped(_logger, node.Name, handOffs.Count);
    }

    private static async Task HandOffOnStopAsync(RegionMember member, CancellationToken cancellationToken)
    {
        try
        {
            await member.Actor!.AskAsync<bool>(new HandOff("node stopping"), TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException or ActorStoppedException)
        {
            // Its lease lapses instead.
        }
    }
}
