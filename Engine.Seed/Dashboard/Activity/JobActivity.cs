using System.Diagnostics.Metrics;
using ActorQueue.Jobs;
using ActorQueue.Metrics;
using ActorQueue.Protocol;
using ActorQueue.Storage;

namespace ActorQueue.Seed.Dashboard.Activity;

/// <summary>
/// What the dashboard counts as it happens, from the moment the seed starts (so that a page opened later still
/// gets the last ten minutes): jobs this seed accepted (its <c>aq_jobs_submitted</c> meter), attempts that
/// completed or failed anywhere in the cluster (the store's change signals, which reach every seed), and the
/// enqueue-to-completion latency of each completed job, read from its id (a UUIDv7 made at enqueue) without
/// a query. Latencies across machines include their clock skew.
/// </summary>
internal sealed class JobActivity : IDisposable
{
    private readonly JobSignals _signals;
    private readonly TimeProvider _time;
    private readonly MeterListener _listener = new();
    private readonly RecentChanges _recent = new();
    private long _submitted;
    private long _completed;
    private long _failed;
    private long _changes;

    public JobActivity(JobSignals signals, JobInstruments instruments, TimeProvider time)
    {
        _signals = signals;
        _time = time;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // This seed's own meter only: tests run several seeds in one process.
            if (ReferenceEquals(instrument.Meter, instruments.Meter) && instrument.Name == "aq_jobs_submitted")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, count, _, _) => OnSubmitted(count));
        _listener.Start();
        signals.Changed += OnChanged;
        signals.Available += OnAvailable;
    }

    public ThroughputHistory History { get; } = new();

    public LatencyWindow Latency { get; } = new();

    public JobTotals Totals => new(Interlocked.Read(ref _submitted), Interlocked.Read(ref _completed), Interlocked.Read(ref _failed));

    /// <summary>Grows with every change heard of; a page reloads its list when it moves.</summary>
    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>The current Unix second.</summary>
    public long NowSecond => _time.GetUtcNow().ToUnixTimeSeconds();

    private void OnSubmitted(long count)
    {
        Interlocked.Add(ref _submitted, count);
        Interlocked.Increment(ref _changes);
        History.Submitted(NowSecond, (int)count);
    }

    private void OnAvailable(string queue) => Interlocked.Increment(ref _changes);

    private void OnChanged(JobChange change)
    {
        Interlocked.Increment(ref _changes);
        if (change.State is not (JobState.Completed or JobState.Retryable or JobState.Discarded) || !_recent.FirstTime(change))
        {
            return;
        }
        var second = NowSecond;
        if (change.State == JobState.Completed)
        {
            Interlocked.Increment(ref _completed);
            History.Completed(second);
            if (JobIds.TryReadTime(change.JobId, out var enqueuedAt))
            {
                Latency.Add(second, Math.Max(0, (change.At - enqueuedAt).TotalSeconds));
            }
        }
        else
        {
            Interlocked.Increment(ref _failed);
            History.Failed(second);
        }
    }

    public void Dispose()
    {
        _signals.Changed -= OnChanged;
        _signals.Available -= OnAvailable;
        _listener.Dispose();
    }
}
