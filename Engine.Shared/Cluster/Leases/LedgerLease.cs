using ActorQueue.Storage;
using Akka.Actor;
using Akka.Coordination;
using Akka.DependencyInjection;
using Akka.Event;

namespace ActorQueue.Cluster.Leases;

/// <summary>
/// The split-brain resolver's lease, kept as a row in the ledger (<see cref="IStore.TryAcquireLeaseAsync"/>):
/// when members lose sight of each other, the side that can write the row wins and downs the other. The
/// ledger is what every member must reach to do any work, so the side that holds it is the side that can
/// work: with one seed and one worker, a dead seed no longer takes the worker with it (as keep-oldest would),
/// and a live seed keeps the worker it cannot see from running on alone (as keep-majority might). While held
/// it is renewed every heartbeat interval; a renewal that fails means it was lost.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Akka creates and drops leases; the renewal loop owns and disposes its token source.")]
internal sealed class LedgerLease : Lease
{
    private readonly IStore _store;
    private readonly ILoggingAdapter _log;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private CancellationTokenSource? _holding;
    private volatile bool _held;

    /// <summary>What Akka's lease provider calls: the store comes from the actor system's services.</summary>
    public LedgerLease(LeaseSettings settings, ExtendedActorSystem system)
        : this(settings,
            DependencyResolver.For(system).Resolver.GetService<IStore>()
                ?? throw new InvalidOperationException("The ledger lease needs the engine's IStore in the actor system's services."),
            global::Akka.Event.Logging.GetLogger(system, typeof(LedgerLease)), TimeProvider.System)
    {
    }

    internal LedgerLease(LeaseSettings settings, IStore store, ILoggingAdapter log, TimeProvider time) : base(settings)
    {
        _store = store;
        _log = log;
        _time = time;
    }

    private TimeSpan Ttl => Settings.TimeoutSettings.HeartbeatTimeout;

    public override Task<bool> Acquire() => Acquire(_ => { });

    public override async Task<bool> Acquire(Action<Exception> leaseLostCallback)
    {
        bool acquired;
        try
        {
            using var timeout = new CancellationTokenSource(Settings.TimeoutSettings.OperationTimeout);
            acquired = await _store.TryAcquireLeaseAsync(Settings.LeaseName, Settings.OwnerName, Ttl, timeout.Token);
        }
        catch (Exception exception)
        {
            throw new LeaseException($"The ledger could not be reached to take lease {Settings.LeaseName}: {exception.Message}");
        }
        if (acquired)
        {
            StartRenewing(leaseLostCallback);
        }
        return acquired;
    }

    public override async Task<bool> Release()
    {
        StopRenewing();
        try
        {
            using var timeout = new CancellationTokenSource(Settings.TimeoutSettings.OperationTimeout);
            return await _store.ReleaseLeaseAsync(Settings.LeaseName, Settings.OwnerName, timeout.Token);
        }
        catch (Exception exception)
        {
            throw new LeaseException($"The ledger could not be reached to release lease {Settings.LeaseName}: {exception.Message}");
        }
    }

    public override bool CheckLease() => _held;

    private void StartRenewing(Action<Exception> leaseLost)
    {
        CancellationTokenSource holding;
        lock (_lock)
        {
            if (_holding is not null)
            {
                _held = true;
                return;
            }
            holding = _holding = new CancellationTokenSource();
            _held = true;
        }
        _ = RenewAsync(holding, leaseLost);
    }

    private void StopRenewing()
    {
        lock (_lock)
        {
            _held = false;
            _holding?.Cancel();
            _holding = null;
        }
    }

    private async Task RenewAsync(CancellationTokenSource holding, Action<Exception> leaseLost)
    {
        using var timer = new PeriodicTimer(Settings.TimeoutSettings.HeartbeatInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(holding.Token))
            {
                bool renewed;
                try
                {
                    renewed = await _store.TryAcquireLeaseAsync(Settings.LeaseName, Settings.OwnerName, Ttl, holding.Token);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    _log.Warning("Could not renew lease {0} in the ledger: {1}", Settings.LeaseName, exception.Message);
                    continue; // held until its time-to-live runs out
                }
                if (!renewed)
                {
                    StopRenewing();
                    leaseLost(new LeaseException($"Lease {Settings.LeaseName} was taken by another member."));
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Released.
        }
        finally
        {
            holding.Dispose();
        }
    }
}
