using System.Collections.Concurrent;
using System.Threading.Channels;
using ActorQueue.Actors;
using ActorQueue.Jobs;
using ActorQueue.Metrics;
using ActorQueue.Storage;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Hosting.Dispatch;

/// <summary>
/// Feeds one queue's actor pool: claims only as many jobs as the pool has free actors (so a node never
/// hoards work another node could run), sends each to an idle actor, and records how each attempt ended.
/// It sleeps on the store's "jobs available" signal; the one-second timeout is only a backup.
/// Outcomes are recorded in batches — one store round trip for every attempt that ended meanwhile — and
/// the same round trip claims new jobs for the actors they freed ("ack and fetch"), so a busy queue
/// costs one commit per cycle, not two. While the queue is closed (its kind cannot run here now, see
/// <see cref="LocalKinds"/>) it claims nothing and leaves the jobs to other nodes.
/// </summary>
internal sealed class QueueDispatcher : IDisposable
{
    private static readonly TimeSpan BackupPoll = TimeSpan.FromSeconds(1);

    private readonly string _queue;
    private readonly int _size;
    private readonly IActorRef _pool;
    private readonly IStore _store;
    private readonly NodeIdentity _node;
    private readonly RetryPolicy _retryPolicy;
    private readonly JobInstruments _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<bool> _isOpen;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<string, RunningJob> _running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopClaiming = new();
    private readonly TaskCompletionSource _idleAfterStop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<(ClaimedJob Job, JobOutcome Outcome)> _outcomes =
        Channel.CreateUnbounded<(ClaimedJob, JobOutcome)>(new UnboundedChannelOptions { SingleReader = true });
    private Task _loop = Task.CompletedTask;
    private Task _recorder = Task.CompletedTask;

    public QueueDispatcher(string queue, int size, IActorRef pool, IStore store, NodeIdentity node, RetryPolicy retryPolicy,
        JobInstruments metrics, TimeProvider time, ILogger logger, Func<bool>? isOpen = null)
    {
        _queue = queue;
        _size = size;
        _pool = pool;
        _store = store;
        _node = node;
        _retryPolicy = retryPolicy;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _isOpen = isOpen ?? (static () => true);
        _slots = new SemaphoreSlim(size, size);
    }

    public string Queue => _queue;

    public int Size => _size;

    public int RunningCount => _running.Count;

    public ICollection<string> RunningIds => _running.Keys;

    public void Start()
    {
        _recorder = Task.Run(RecordLoopAsync);
        _loop = Task.Run(ClaimLoopAsync);
    }

    /// <summary>Asks a running attempt to stop; false when this dispatcher does not hold the job.</summary>
    public bool TryStop(string jobId, StopReason reason)
    {
        if (!_running.TryGetValue(jobId, out var running))
        {
            return false;
        }
        running.Stop(reason);
        return true;
    }

    /// <summary>
    /// Stops claiming, lets running attempts finish until <paramref name="deadline"/>, then cancels the rest
    /// (their handlers hand the jobs back as available) and waits up to <paramref name="grace"/> for them.
    /// </summary>
    public async Task DrainAsync(TimeSpan deadline, TimeSpan grace)
    {
        await _stopClaiming.CancelAsync();
        await _loop;
        CheckIdle();
        if (!await WaitIdleAsync(deadline))
        {
            foreach (var running in _running.Values)
            {
                running.Stop(StopReason.Shutdown);
            }
            if (!await WaitIdleAsync(grace))
            {
                HostingLog.DrainIncomplete(_logger, _queue, _running.Count);
            }
        }
        _outcomes.Writer.TryComplete();
        await _recorder;
    }

    private async Task<bool> WaitIdleAsync(TimeSpan timeout)
    {
        try
        {
            await _idleAfterStop.Task.WaitAsync(timeout, _time);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task ClaimLoopAsync()
    {
        var stopping = _stopClaiming.Token;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _slots.WaitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (!_isOpen())
            {
                _slots.Release();
                await WaitQuietlyAsync(BackupPoll, stopping);
                continue;
            }
            var free = 1;
            while (free < _size && _slots.Wait(0))
            {
                free++;
            }

            IReadOnlyList<ClaimedJob> jobs;
            try
            {
                // Not cancellable on purpose: once a claim is sent, its answer must be read, or jobs would
                // be leased to this node with nobody running them.
                jobs = await _store.ClaimAsync(_queue, _node.Id, free, CancellationToken.None);
            }
            catch (Exception exception)
            {
                _slots.Release(free);
                HostingLog.ClaimFailed(_logger, _queue, exception);
                await WaitQuietlyAsync(BackupPoll, stopping);
                continue;
            }

            if (jobs.Count < free)
            {
                _slots.Release(free - jobs.Count);
            }
            Launch(jobs);
            if (jobs.Count == 0)
            {
                await WaitForWorkAsync(stopping);
            }
        }
    }

    private async Task WaitForWorkAsync(CancellationToken stopping)
    {
        try
        {
            await _store.Signals.WaitForAvailableAsync(_queue, BackupPoll, stopping);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private async Task WaitQuietlyAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, _time, stopping);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private void Launch(IReadOnlyList<ClaimedJob> jobs)
    {
        foreach (var job in jobs)
        {
            var running = new RunningJob(job);
            _running[job.Id] = running;
            _ = RunAsync(running);
        }
        _metrics.Claimed(_queue, jobs.Count);
    }

    private async Task RunAsync(RunningJob running)
    {
        var job = running.Job;
        HostingLog.JobStarted(_logger, job.Id, job.Kind, _queue, job.Attempt);
        var outcome = await AskPoolAsync(running);
        _outcomes.Writer.TryWrite((job, outcome with { RowKey = job.RowKey, Queue = job.Queue }));
    }

    /// <summary>Records every outcome that is waiting in one store call, then frees their actors together.</summary>
    private async Task RecordLoopAsync()
    {
        var batch = new List<(ClaimedJob Job, JobOutcome Outcome)>();
        var reader = _outcomes.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < 1024 && reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            var next = _stopClaiming.IsCancellationRequested || !_isOpen() ? null : new ClaimRequest(_queue, _node.Id, batch.Count);
            var claimed = await RecordAsync(batch, next);
            foreach (var (job, _) in batch)
            {
                if (_running.TryRemove(job.Id, out var running))
                {
                    running.Dispose();
                }
            }
            // The freed actors take the jobs claimed for them; only the rest of their slots go back.
            Launch(claimed);
            if (batch.Count > claimed.Count)
            {
                _slots.Release(batch.Count - claimed.Count);
            }
            batch.Clear();
            CheckIdle();
        }
    }

    private async Task<JobOutcome> AskPoolAsync(RunningJob running)
    {
        var job = running.Job;
        try
        {
            return await _pool.AskAsync<JobOutcome>(new RunJob(job, running), Timeout.InfiniteTimeSpan);
        }
        catch (ActorStoppedException)
        {
            return new JobOutcome.Released(job.Id, job.NodeId, job.Attempt, job.Epoch);
        }
        catch (Exception exception)
        {
            var cause = exception is ActorFailedException { InnerException: { } inner } ? inner : exception;
            return _retryPolicy.AfterFailure(job, $"{cause.GetType().Name}: {cause.Message}", _time.GetUtcNow(), Random.Shared.NextDouble());
        }
    }

    private async Task<IReadOnlyList<ClaimedJob>> RecordAsync(List<(ClaimedJob Job, JobOutcome Outcome)> batch, ClaimRequest? next)
    {
        FinishResult result;
        try
        {
            result = await _store.FinishManyAsync(batch.Select(b => b.Outcome).ToList(), next, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // Their leases will lapse and the jobs will be rescued: at-least-once, never lost.
            foreach (var (job, _) in batch)
            {
                HostingLog.FinishFailed(_logger, job.Id, exception);
            }
            return [];
        }
        var now = _time.GetUtcNow();
        for (var i = 0; i < batch.Count; i++)
        {
            var (job, outcome) = batch[i];
            if (!result.Applied[i])
            {
                HostingLog.FinishFenced(_logger, job.Id, job.Attempt);
                continue;
            }
            _metrics.Finished(_queue, outcome, now - job.EnqueuedAt);
            HostingLog.JobFinished(_logger, job.Id, job.Kind, _queue, job.Attempt, OutcomeName(outcome));
        }
        return result.Claimed;
    }

    private void CheckIdle()
    {
        if (_stopClaiming.IsCancellationRequested && _running.IsEmpty)
        {
            _idleAfterStop.TrySetResult();
        }
    }

    public void Dispose()
    {
        _stopClaiming.Dispose();
        _slots.Dispose();
    }

    private static string OutcomeName(JobOutcome outcome) => outcome switch
    {
        JobOutcome.Completed => "completed",
        JobOutcome.Retry => "retryable",
        JobOutcome.Discard => "discarded",
        JobOutcome.Cancelled => "cancelled",
        _ => "released",
    };
}
