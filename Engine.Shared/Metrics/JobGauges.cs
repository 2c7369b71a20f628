using System.Diagnostics.Metrics;
using ActorQueue.Dispatch;
using ActorQueue.Jobs;
using ActorQueue.Storage;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Metrics;

/// <summary>
/// The job gauges (meter <c>ActorQueue.Jobs</c>): <c>aq_jobs{queue,state}</c>, the ledger's jobs by queue and state
/// (every state of every queue that has jobs, zeros included), and <c>aq_jobs_running_here{queue}</c>, what this
/// node's pools run now. The ledger's counts are a query, so they are cached: read at most once per
/// <see cref="MaxAge"/>. <c>/metrics</c> refreshes them before each scrape (<see cref="RefreshAsync"/>); any other
/// reader (an OTLP export) gets the last counts and starts a refresh in the background.
/// </summary>
public sealed class JobGauges : IInstruments, IDisposable
{
    /// <summary>How old the ledger's counts may be before a reader refreshes them.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly Meter _meter = new(JobInstruments.MeterName);
    private readonly DispatchStatus _status;
    private readonly CachedReading<IReadOnlyList<QueueStateCount>> _counts;

    public JobGauges(IStore store, DispatchStatus status, TimeProvider time, ILogger<JobGauges> logger)
    {
        _status = status;
        // Not a scrape's token: other scrapes may be waiting on the same read.
        _counts = new CachedReading<IReadOnlyList<QueueStateCount>>(() => store.CountByQueueAndStateAsync(CancellationToken.None), [], MaxAge, time,
            exception => MetricsLog.CountsUnavailable(logger, exception));
        _meter.CreateObservableGauge("aq_jobs", ObserveCounts, description: "Jobs in the store by queue and state.");
        _meter.CreateObservableGauge("aq_jobs_running_here", ObserveRunning, description: "Jobs running on this node now.");
    }

    public Meter Meter => _meter;

    /// <summary>Reads the ledger's counts unless they are younger than <see cref="MaxAge"/>; one read at a time.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => _counts.RefreshAsync(cancellationToken);

    private IEnumerable<Measurement<long>> ObserveCounts()
    {
        var counts = _counts.Current;
        foreach (var queue in counts.Select(c => c.Queue).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            foreach (var state in JobStates.All)
            {
                var count = counts.FirstOrDefault(c => c.Queue == queue && c.State == state)?.Count ?? 0;
                yield return new Measurement<long>(count, new KeyValuePair<string, object?>("queue", queue), new KeyValuePair<string, object?>("state", state.ToWire()));
            }
        }
    }

    private IEnumerable<Measurement<int>> ObserveRunning() =>
        _status.Running.OrderBy(q => q.Key, StringComparer.Ordinal)
            .Select(q => new Measurement<int>(q.Value, new KeyValuePair<string, object?>("queue", q.Key)));

    public void Dispose() => _meter.Dispose();
}
