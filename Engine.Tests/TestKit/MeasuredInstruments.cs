using ActorQueue.Metrics;
using ActorQueue.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace ActorQueue.Tests.TestKit;

/// <summary>
/// Reads the instruments of the given areas through the OpenTelemetry SDK with the engine's own view (the same
/// buckets, other engines' meters dropped), for tests that assert what <c>/metrics</c> would show without a seed.
/// </summary>
internal sealed class MeasuredInstruments : IDisposable
{
    private readonly List<MetricSnapshot> _exported = [];
    private readonly MeterProvider _provider;

    public MeasuredInstruments(params IInstruments[] areas)
    {
        var own = areas.Select(area => area.Meter).ToHashSet();
        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter([.. own.Select(meter => meter.Name).Distinct()])
            .AddView(instrument => TelemetryServiceCollectionExtensions.View(own, instrument))
            .AddInMemoryExporter(_exported)
            .Build();
    }

    /// <summary>The points of metric <paramref name="name"/> as collected now.</summary>
    public IReadOnlyList<MetricPoint> Points(string name)
    {
        _exported.Clear();
        _provider.ForceFlush();
        var metric = _exported.LastOrDefault(m => m.Name == name);
        return metric is null ? [] : [.. metric.MetricPoints];
    }

    /// <summary>The value of counter <paramref name="name"/> for the point with exactly <paramref name="tags"/> (0 when there is none).</summary>
    public long Counter(string name, params (string Key, string Value)[] tags) =>
        Points(name).Where(point => HasTags(point, tags)).Select(point => point.GetSumLong()).SingleOrDefault();

    /// <summary>Histogram <paramref name="name"/> (its one point): count, sum and the count in each bucket by upper bound.</summary>
    public (long Count, double Sum, IReadOnlyDictionary<double, long> Buckets) Histogram(string name)
    {
        var point = Assert.Single(Points(name));
        var buckets = new Dictionary<double, long>();
        foreach (var bucket in point.GetHistogramBuckets())
        {
            buckets[bucket.ExplicitBound] = bucket.BucketCount;
        }
        return (point.GetHistogramCount(), point.GetHistogramSum(), buckets);
    }

    private static bool HasTags(MetricPoint point, (string Key, string Value)[] tags)
    {
        var actual = new Dictionary<string, string?>();
        foreach (var tag in point.Tags)
        {
            actual[tag.Key] = Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return actual.Count == tags.Length && tags.All(tag => actual.TryGetValue(tag.Key, out var value) && value == tag.Value);
    }

    public void Dispose() => _provider.Dispose();
}
