using System.Collections.Concurrent;
using System.Threading.Channels;
using ActorQueue.Jobs;

namespace ActorQueue.Storage;

/// <summary>
/// In-process notifications raised after a commit: jobs became available in a queue, a job changed
/// state, a running job was asked to cancel, the schedule changed. Waiters use these instead of polling.
/// Both stores call the <c>Notify…</c> methods themselves, right after each commit; what this process commits
/// also goes to the <see cref="Outbox"/>, which tells the other members of the cluster over Akka
/// DistributedPubSub; what they commit arrives through the <c>Raise…</c> methods, which wake this process's
/// waiters only. The database carries no signals. Hints may be lost; every waiter also polls slowly.
/// </summary>
public sealed class JobSignals
{
    /// <summary>Where this process's own signals go to reach the other members (the cluster's signal bridge); null alone.</summary>
    internal ISignalOutbox? Outbox { get; set; }

    private readonly ConcurrentDictionary<string, AsyncSignal> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ImmutableSubscribers> _watchers = new(StringComparer.Ordinal);
    private readonly AsyncSignal _schedule = new();

    /// <summary>Raised when a running job is asked to stop; the node holding it cancels the attempt.</summary>
    public event Action<string>? CancelRequested;

    /// <summary>Raised for every state change, for metrics and logs.</summary>
    public event Action<JobChange>? Changed;

    /// <summary>Raised when a dataset committed a batch (its checkpoint, status or results changed).</summary>
    public event Action<string>? DatasetProgressed;

    public void NotifyDatasetProgress(string datasetId)
    {
        RaiseDatasetProgress(datasetId);
        Outbox?.DatasetProgressed(datasetId);
    }

    internal void RaiseDatasetProgress(string datasetId) => DatasetProgressed?.Invoke(datasetId);

    public void NotifyAvailable(string queue)
    {
        RaiseAvailable(queue);
        Outbox?.JobsAvailable(queue);
    }

    internal void RaiseAvailable(string queue)
    {
        QueueSignal(queue).Set();
        Available?.Invoke(queue);
    }

    /// <summary>Raised when jobs became available in a queue (here or, through the cluster, elsewhere).</summary>
    public event Action<string>? Available;

    public Task<bool> WaitForAvailableAsync(string queue, TimeSpan timeout, CancellationToken cancellationToken) =>
        QueueSignal(queue).WaitAsync(timeout, cancellationToken);

    public void NotifyScheduleChanged()
    {
        RaiseScheduleChanged();
        Outbox?.ScheduleChanged();
    }

    internal void RaiseScheduleChanged()
    {
        _schedule.Set();
        ScheduleChanged?.Invoke();
    }

    /// <summary>Raised when a scheduled or retryable job was added or moved (here or elsewhere in the cluster).</summary>
    public event Action? ScheduleChanged;

    public Task<bool> WaitForScheduleChangeAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _schedule.WaitAsync(timeout, cancellationToken);

    public void NotifyCancelRequested(string jobId)
    {
        RaiseCancelRequested(jobId);
        Outbox?.CancelRequested(jobId);
    }

    internal void RaiseCancelRequested(string jobId) => CancelRequested?.Invoke(jobId);

    public void NotifyChanged(JobChange change)
    {
        RaiseChanged(change);
        Outbox?.Changed(change);
    }

    internal void RaiseChanged(JobChange change)
    {
        Changed?.Invoke(change);
        if (_watchers.TryGetValue(change.JobId, out var subscribers))
        {
            foreach (var writer in subscribers.Writers)
            {
                writer.TryWrite(change);
            }
        }
    }

    /// <summary>
    /// Watches one job's state changes. Subscribe BEFORE reading the job's current state, so that a change
    /// between the read and the wait is not missed.
    /// </summary>
    public JobWatch Watch(string jobId)
    {
        var channel = Channel.CreateUnbounded<JobChange>(new UnboundedChannelOptions { SingleReader = true });
        _watchers.AddOrUpdate(jobId, _ => new ImmutableSubscribers([channel.Writer]), (_, s) => s.With(channel.Writer));
        return new JobWatch(channel.Reader, () => Unwatch(jobId, channel.Writer));
    }

    private void Unwatch(string jobId, ChannelWriter<JobChange> writer)
    {
        while (_watchers.TryGetValue(jobId, out var current))
        {
            var next = current.Without(writer);
            var done = next.Writers.Length == 0
                ? _watchers.TryRemove(new KeyValuePair<string, ImmutableSubscribers>(jobId, current))
                : _watchers.TryUpdate(jobId, next, current);
            if (done)
            {
                return;
            }
        }
    }

    private AsyncSignal QueueSignal(string queue) => _queues.GetOrAdd(queue, static _ => new AsyncSignal());

    private sealed record ImmutableSubscribers(ChannelWriter<JobChange>[] Writers)
    {
        public ImmutableSubscribers With(ChannelWriter<JobChange> writer) => new([.. Writers, writer]);

        public ImmutableSubscribers Without(ChannelWriter<JobChange> writer) => new(Writers.Where(w => w != writer).ToArray());
    }
}

/// <summary>A job reached <paramref name="State"/> (attempt <paramref name="Attempt"/>) at <paramref name="At"/>.</summary>
public sealed record JobChange(string JobId, string Queue, JobState State, int Attempt, DateTimeOffset At);

/// <summary>A subscription to one job's changes; dispose it to stop watching.</summary>
public sealed class JobWatch(ChannelReader<JobChange> reader, Action unsubscribe) : IDisposable
{
    private int _disposed;

    public ChannelReader<JobChange> Changes { get; } = reader;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            unsubscribe();
        }
    }
}
