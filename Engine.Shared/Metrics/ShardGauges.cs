using System.Diagnostics.Metrics;
using ActorQueue.Datasets.Sharding;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Metrics;

/// <summary>
/// The dataset shard gauges (meter <c>ActorQueue.Cluster</c>), one series per worker member by name:
/// <c>aq_dataset_shards{node}</c> and <c>aq_dataset_entities{node}</c>, as the shard regions last answered
/// (<see cref="DatasetPlacement"/>). Asking every region is a round of messages, so the answers are kept for
/// <see cref="MaxAge"/>; <c>/metrics</c> refreshes them before a scrape like the job counts.
/// </summary>
internal sealed class ShardGauges : IInstruments, IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private readonly Meter _meter = new(ClusterInstruments.MeterName);
    private readonly CachedReading<IReadOnlyList<DatasetPlacement.RegionState>> _regions;

    public ShardGauges(DatasetPlacement placement, TimeProvider time, ILogger<ShardGauges> logger)
    {
        _regions = new CachedReading<IReadOnlyList<DatasetPlacement.RegionState>>(() => placement.RegionStatesAsync(CancellationToken.None), [], MaxAge, time,
            exception => MetricsLog.ShardCountsUnavailable(logger, exception));
        _meter.CreateObservableGauge("aq_dataset_shards", () => Observe(region => region.Shards!.Count),
            description: "Dataset shards hosted by each worker member's region.");
        _meter.CreateObservableGauge("aq_dataset_entities", () => Observe(region => region.EntityCount),
            description: "Dataset entities running in each worker member's region.");
    }

    public Meter Meter => _meter;

    public Task RefreshAsync(CancellationToken cancellationToken) => _regions.RefreshAsync(cancellationToken);

    /// <summary>A region that did not answer in time has no figure rather than a zero.</summary>
    private IEnumerable<Measurement<int>> Observe(Func<DatasetPlacement.RegionState, int> figure) =>
        _regions.Current.Where(region => region.Shards is not null)
            .OrderBy(region => region.Member.Name, StringComparer.Ordinal)
            .Select(region => new Measurement<int>(figure(region), new KeyValuePair<string, object?>("node", region.Member.Name)));

    public void Dispose() => _meter.Dispose();
}
