using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace ActorQueue.Metrics;

/// <summary>
/// Listens to the meters of the given areas and renders the totals in the Prometheus text format:
/// counters as <c>NAME_total</c>, histograms with cumulative buckets.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private static readonly double[] Buckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<SeriesKey, CounterSeries> _counters = new();
    private readonly ConcurrentDictionary<SeriesKey, HistogramSeries> _histograms = new();
    private readonly ConcurrentDictionary<string, string> _help = new(StringComparer.Ordinal);
    // Measurements arrive on hot paths: find their series without building the label text each time.
    private readonly ConcurrentDictionary<MeasurementKey, object> _seriesByTags = new();

    public PrometheusExporter(IEnumerable<IInstruments> areas)
    {
        var meters = areas.Select(a => a.Meter).ToHashSet();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (meters.Contains(instrument.Meter))
            {
                _help[instrument.Name] = instrument.Description ?? instrument.Name;
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var fast = MeasurementKey.From(instrument, tags);
        if (!_seriesByTags.TryGetValue(fast, out var series))
        {
            var key = new SeriesKey(instrument.Name, Labels(tags));
            series = instrument is Histogram<double> or Histogram<long> or Histogram<int>
                ? _histograms.GetOrAdd(key, static (_, bounds) => new HistogramSeries(bounds), BucketsOf(instrument))
                : _counters.GetOrAdd(key, static _ => new CounterSeries());
            _seriesByTags.TryAdd(fast, series);
        }
        if (series is HistogramSeries histogram)
        {
            histogram.Observe(value);
        }
        else
        {
            ((CounterSeries)series).Add(value);
        }
    }

    /// <summary>Appends every counter and histogram seen so far.</summary>
    public void WriteTo(StringBuilder output)
    {
        foreach (var group in _counters.GroupBy(c => c.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var name = group.Key + "_total";
            output.Append("# HELP ").Append(name).Append(' ').Append(_help.GetValueOrDefault(group.Key, group.Key)).Append('\n');
            output.Append("# TYPE ").Append(name).Append(" counter\n");
            foreach (var (key, series) in group.OrderBy(s => s.Key.Labels, StringComparer.Ordinal))
            {
                output.Append(name).Append(key.Labels).Append(' ').Append(Format(series.Value)).Append('\n');
            }
        }
        foreach (var group in _histograms.GroupBy(h => h.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.Append("# HELP ").Append(group.Key).Append(' ').Append(_help.GetValueOrDefault(group.Key, group.Key)).Append('\n');
            output.Append("# TYPE ").Append(group.Key).Append(" histogram\n");
            foreach (var (key, series) in group.OrderBy(s => s.Key.Labels, StringComparer.Ordinal))
            {
                series.WriteTo(output, key);
            }
        }
    }

    /// <summary>The instrument's advised bucket boundaries (e.g. batch sizes), or the default latency buckets.</summary>
    private static double[] BucketsOf(Instrument instrument) => instrument switch
    {
        Histogram<long> { Advice.HistogramBucketBoundaries: { Count: > 0 } bounds } => bounds.Select(b => (double)b).ToArray(),
        Histogram<double> { Advice.HistogramBucketBoundaries: { Count: > 0 } bounds } => bounds.ToArray(),
        _ => Buckets,
    };

    internal static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return string.Empty;
        }
        var labels = new StringBuilder("{");
        foreach (var tag in tags)
        {
            if (labels.Length > 1)
            {
                labels.Append(',');
            }
            labels.Append(tag.Key).Append("=\"").Append(Escape(Convert.ToString(tag.Value, CultureInfo.InvariantCulture))).Append('"');
        }
        return labels.Append('}').ToString();
    }

    internal static string Escape(string? value) =>
        (value ?? string.Empty).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public void Dispose() => _listener.Dispose();

    private readonly record struct SeriesKey(string Name, string Labels);

    /// <summary>An instrument and up to two tag values: enough for every ActorQueue meter.</summary>
    private readonly record struct MeasurementKey(Instrument Instrument, int TagCount, object? First, object? Second)
    {
        public static MeasurementKey From(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
            tags.Length > 2
                ? new MeasurementKey(instrument, tags.Length, Labels(tags), null)
                : new MeasurementKey(instrument, tags.Length, tags.Length > 0 ? tags[0].Value : null, tags.Length > 1 ? tags[1].Value : null);
    }

    private sealed class CounterSeries
    {
        private double _value;

        public double Value => Volatile.Read(ref _value);

        public void Add(double amount)
        {
            double current, next;
            do
            {
                current = _value;
                next = current + amount;
            }
            while (Interlocked.CompareExchange(ref _value, next, current) != current);
        }
    }

    private sealed class HistogramSeries(double[] bounds)
    {
        private readonly long[] _counts = new long[bounds.Length + 1];
        private readonly Lock _lock = new();
        private double _sum;
        private long _count;

        public void Observe(double value)
        {
            var index = Array.BinarySearch(bounds, value);
            if (index < 0)
            {
                index = ~index;
            }
            lock (_lock)
            {
                _counts[index]++;
                _sum += value;
                _count++;
            }
        }

        public void WriteTo(StringBuilder output, SeriesKey key)
        {
            long[] counts;
            double sum;
            long count;
            lock (_lock)
            {
                counts = (long[])_counts.Clone();
                sum = _sum;
                count = _count;
            }
            var prefix = key.Labels.Length == 0 ? "{" : key.Labels[..^1] + ",";
            long cumulative = 0;
            for (var i = 0; i < bounds.Length; i++)
            {
                cumulative += counts[i];
                output.Append(key.Name).Append("_bucket").Append(prefix).Append("le=\"").Append(Format(bounds[i])).Append("\"} ").Append(cumulative).Append('\n');
            }
            output.Append(key.Name).Append("_bucket").Append(prefix).Append("le=\"+Inf\"} ").Append(count).Append('\n');
            output.Append(key.Name).Append("_sum").Append(key.Labels).Append(' ').Append(Format(sum)).Append('\n');
            output.Append(key.Name).Append("_count").Append(key.Labels).Append(' ').Append(count).Append('\n');
        }
    }
}
