using ActorQueue.Hosting;
using ActorQueue.Jobs;
using ActorQueue.Logging;
using ActorQueue.Metrics;
using ActorQueue.Storage;
using ActorQueue.Telemetry;
using Akka.Actor;
using Akka.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ActorQueue.Dispatch;

/// <summary>
/// Feeds one queue's pool on this node: claims from the ledger as the pool's actors free up, plus a
/// prefetch sized to the pace of the jobs (<see cref="ClaimSizing"/>), hands each attempt to the
/// <see cref="RoundRobinPool"/> of <see cref="JobActor"/>s it supervises, and records how each ended.
/// Outcomes are recorded in batches, and the same round trip claims the next jobs ("ack and fetch"). It
/// wakes on a "jobs available" hint (local commit or another member's, see <c>SignalBridge</c>), with a slow
/// poll as the safety net; it renews the leases of what it holds; while its queue is closed (its kind
/// cannot run here now) it claims nothing. It writes each job's <c>claim</c> and <c>complete</c> spans
/// (<see cref="JobTracing"/>) and logs about a job inside the job's log scope (job id and trace id).
/// </summary>
internal sealed partial class QueuePuller : ReceiveActor, IWithTimers
{
    // One record round trip takes every outcome waiting, up to this many.
    private const int MaxOutcomesPerRecord = 1024;

    // The most jobs one claim asks for, whatever the prefetch says.
    private const int MaxClaim = 1024;

    private readonly string _queue;
    private readonly int _poolSize;
    private readonly IStore _store;
    private readonly NodeIdentity _node;
    private readonly JobOptions _jobOptions;
    private readonly LocalKinds _localKinds;
    private readonly JobInstruments _metrics;
    private readonly DispatchStatus _status;
    private readonly NodeExit _exit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly bool _logCompletions;
    private readonly Props _jobActor;
    private readonly TimeSpan _pollInterval;
    private readonly Action<string> _onAvailable;
    private readonly Action<string> _onCancel;
    private readonly Action _onKindsChanged;

    private readonly Queue<ClaimedJob> _buffer = new();
    private readonly Dictionary<string, RunningJob> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StopReason> _stopBeforeStart = new(StringComparer.Ordinal);
    private readonly List<PendingOutcome> _outcomes = [];
    private IActorRef _pool = ActorRefs.Nobody;
    private TimeSpan? _averageRun;
    private bool _claiming;
    private bool _fenced;
    private bool _recording;
    private bool _wakeAgain;

    public QueuePuller(string queue, int poolSize, Props jobActor, IStore store, NodeIdentity node, JobOptions jobOptions,
        IOptions<WorkerNodeOptions> nodeOptions, LocalKinds localKinds, JobInstruments metrics, DispatchStatus status, NodeExit exit,
        TimeProvider time, ILogger<QueuePuller> logger)
    {
        _pollInterval = TimeSpan.FromSeconds(nodeOptions.Value.PollIntervalSeconds);
        _queue = queue;
        _poolSize = poolSize;
        _jobActor = jobActor;
        _store = store;
        _node = node;
        _jobOptions = jobOptions;
        _localKinds = localKinds;
        _metrics = metrics;
        _status = status;
        _exit = exit;
        _time = time;
        _logger = logger;
        _logCompletions = jobOptions.LogCompletions;
        var self = Self;
        _onAvailable = q =>
        {
            if (q == queue)
            {
                self.Tell(WakeUp.Instance);
            }
        };
        _onCancel = id => self.Tell(new StopJob(id, StopReason.CancelRequested));
        _onKindsChanged = () => self.Tell(WakeUp.Instance);
        Working();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// A job actor's crash fails its attempt and restarts it (fresh DI scope), however often: each crash is
    /// an ordinary failed attempt, retried with backoff in the ledger, and the actor rests after a restart
    /// (<see cref="CrashBackoff"/>). A failure of the pool's router itself restarts the router. Akka's own
    /// log of the restart is off: the job actor already logged the failed attempt once, as a warning, and a
    /// second entry at error level would read like a crash of the node.
    /// </summary>
    public static SupervisorStrategy PoolSupervision { get; } =
        new OneForOneStrategy(maxNrOfRetries: -1, withinTimeMilliseconds: -1, localOnlyDecider: _ => Directive.Restart, loggingEnabled: false);

    protected override SupervisorStrategy SupervisorStrategy() => PoolSupervision;

    protected override void PreStart()
    {
        _pool = Context.ActorOf(_jobActor.WithRouter(new RoundRobinPool(_poolSize).WithSupervisorStrategy(PoolSupervision)), "pool");
        _status.SetRunning(_queue, 0);
        _store.Signals.Available += _onAvailable;
        _store.Signals.CancelRequested += _onCancel;
        _localKinds.Changed += _onKindsChanged;
        Timers.StartPeriodicTimer("BackupPoll", WakeUp.Instance, _pollInterval);
        Timers.StartPeriodicTimer(nameof(RenewLeases), RenewLeases.Instance, TimeSpan.FromTicks(_jobOptions.Lease.Ticks / 3));
        Self.Tell(WakeUp.Instance);
    }

    protected override void PostStop()
    {
        _store.Signals.Available -= _onAvailable;
        _store.Signals.CancelRequested -= _onCancel;
        _localKinds.Changed -= _onKindsChanged;
        foreach (var running in _running.Values)
        {
            running.Dispose();
        }
        base.PostStop();
    }

    private bool IsOpen => !_fenced && _localKinds.IsQueueOpen(_queue);

    /// <summary>Jobs this puller holds: running in the pool or claimed and waiting for an actor.</summary>
    private int Held => _running.Count + _buffer.Count;

    private void Working()
    {
        Receive<WakeUp>(_ => Claim());
        Receive<Claimed>(OnClaimed);
        Receive<ClaimFailed>(failed =>
        {
            _claiming = false;
            OnClaimFailure(failed.Exception);
        });
        Receive<JobFinished>(OnFinished);
        Receive<JobDeclined>(OnDeclined);
        Receive<Resend>(resend => _pool.Tell(resend.Run));
        Receive<Recorded>(OnRecorded);
        Receive<StopJob>(OnStop);
        Receive<RenewLeases>(_ => Renew());
        Receive<Renewed>(OnRenewed);
        Receive<RenewFailed>(failed => DispatchLog.LeaseRenewalFailed(_logger, _queue, failed.Exception));
        Receive<RecordFailed>(OnRecordFailed);
        Receive<RetryRecord>(_ => Record());
        Receive<Drain>(OnDrain);
        Receive<DrainDeadline>(_ => OnDrainDeadline());
    }

    private void Claim()
    {
        if (_claiming)
        {
            _wakeAgain = true;
            return;
        }
        var count = Math.Min(MaxClaim, ClaimSizing.ToClaim(_poolSize, _averageRun, _running.Count, _buffer.Count));
        if (count == 0 || _draining || !IsOpen)
        {
            return;
        }
        _claiming = true;
        _wakeAgain = false;
        var askedAt = _time.GetUtcNow();
        // Not cancellable on purpose: once a claim is sent, its answer must be read, or jobs would be leased
        // to this node with nobody running them.
        _store.ClaimAsync(_queue, _node.Id, count, CancellationToken.None)
            .PipeTo(Self, success: jobs => new Claimed(jobs, count, askedAt), failure: exception => new ClaimFailed(exception));
    }

    private void OnClaimed(Claimed claimed)
    {
        _claiming = false;
        Take(claimed.Jobs, claimed.AskedAt);
        // A full answer means there may be more; a hint that came meanwhile may announce more.
        if (claimed.Jobs.Count == claimed.Asked || _wakeAgain)
        {
            Claim();
        }
    }

    private void Take(IReadOnlyList<ClaimedJob> jobs, DateTimeOffset askedAt)
    {
        foreach (var job in jobs)
        {
            JobTracing.Claimed(job, askedAt);
            if (_draining)
            {
                // Claimed just as the drain began: back to the queue unstarted.
                _outcomes.Add(new(job, new JobOutcome.Released(job.Id, job.NodeId, job.Attempt, job.Epoch) { RowKey = job.RowKey, Queue = job.Queue }));
                continue;
            }
            _buffer.Enqueue(job);
        }
        _metrics.Claimed(_queue, jobs.Count);
        Dispatch();
        Record();
    }

    /// <summary>Sends waiting attempts to the pool while it has free actors.</summary>
    private void Dispatch()
    {
        while (_running.Count < _poolSize && _buffer.TryDequeue(out var job))
        {
            var running = new RunningJob(job);
            _running[job.Id] = running;
            if (_stopBeforeStart.Remove(job.Id, out var reason))
            {
                running.Stop(reason);
            }
            using (_logger.BeginJobScope(job.Id, job.TraceParent))
            {
                DispatchLog.JobStarted(_logger, job.Id, job.Kind, _queue, job.Attempt);
            }
            _pool.Tell(new RunJob(running));
        }
        _status.SetRunning(_queue, _running.Count);
    }

    private void OnDeclined(JobDeclined declined)
    {
        var run = declined.Run with { Declines = declined.Run.Declines + 1 };
        if (run.Declines % _poolSize == 0)
        {
            // Every actor turned it away (all resting after crashes): try again shortly rather than spin.
            Timers.StartSingleTimer(run, new Resend(run), TimeSpan.FromMilliseconds(10));
        }
        else
        {
            _pool.Tell(run);
        }
    }

    private void OnFinished(JobFinished finished)
    {
        var job = finished.Run.Job;
        if (_running.Remove(job.Id, out var running))
        {
            running.Dispose();
        }
        _status.SetRunning(_queue, _running.Count);
        if (finished.Outcome is not JobOutcome.Released)
        {
            _averageRun = ClaimSizing.Average(_averageRun, finished.RunTime);
        }
        _outcomes.Add(new(job, finished.Outcome with { RowKey = job.RowKey, Queue = job.Queue }, finished.RunTime, finished.Error));
        Dispatch();
        Record();
        CheckDrained();
    }

    private void OnStop(StopJob stop)
    {
        if (_running.TryGetValue(stop.JobId, out var running))
        {
            running.Stop(stop.Reason);
        }
        else if (_buffer.Any(job => job.Id == stop.JobId))
        {
            _stopBeforeStart[stop.JobId] = stop.Reason;
        }
    }

    private void OnClaimFailure(Exception exception)
    {
        if (exception is NodeFencedException fenced)
        {
            Fenced(fenced);
            return;
        }
        DispatchLog.ClaimFailed(_logger, _queue, exception);
    }

    private void Fenced(NodeFencedException fenced)
    {
        // Nothing this member writes is accepted any more, and the ledger has given its jobs back already: the
        // outcomes still waiting are dropped, so a drain under way ends as soon as the running attempts stop.
        _outcomes.Clear();
        if (_fenced)
        {
            CheckDrained();
            return; // said and done on the first refusal
        }
        _fenced = true;
        DispatchLog.NodeFenced(_logger, fenced.Message);
        foreach (var running in _running.Values)
        {
            running.Stop(StopReason.LeaseLost);
        }
        _buffer.Clear();
        // The member downs itself: in its own view the others may still be up, and leaving them gracefully would
        // wait out every leave phase's timeout for members that removed it long ago.
        var cluster = AkkaCluster.Get(Context.System);
        cluster.Down(cluster.SelfAddress);
        _exit.Fenced(fenced.Message);
        CheckDrained();
    }

    private sealed record Claimed(IReadOnlyList<ClaimedJob> Jobs, int Asked, DateTimeOffset AskedAt);

    private sealed record ClaimFailed(Exception Exception);

    private sealed record Resend(RunJob Run);
}
