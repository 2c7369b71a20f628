using ActorQueue.Protocol;

namespace ActorQueue.Seed.Dashboard.Activity;

/// <summary>
/// Enqueue-to-completion latencies of the last <see cref="Seconds"/> seconds, for percentiles. Each second keeps
/// at most <see cref="SamplesPerSecond"/> of them, a uniform sample (reservoir) when more complete, so that the
/// memory and the sort stay small at any throughput; the count is exact.
/// </summary>
internal sealed class LatencyWindow
{
    public const int Seconds = 60;
    public const int SamplesPerSecond = 512;

    private readonly Lock _lock = new();
    private readonly long[] _second = new long[Seconds];
    private readonly int[] _seen = new int[Seconds];
    private readonly List<double>[] _samples = Enumerable.Range(0, Seconds).Select(_ => new List<double>()).ToArray();

    public LatencyWindow() => Array.Fill(_second, -1);

    public void Add(long second, double latencySeconds)
    {
        lock (_lock)
        {
            var i = (int)(((second % Seconds) + Seconds) % Seconds);
            if (_second[i] != second)
            {
                if (_second[i] > second)
                {
                    return;
                }
                _second[i] = second;
                _seen[i] = 0;
                _samples[i].Clear();
            }
            _seen[i]++;
            if (_samples[i].Count < SamplesPerSecond)
            {
                _samples[i].Add(latencySeconds);
            }
            else if (Random.Shared.Next(_seen[i]) is var slot && slot < SamplesPerSecond)
            {
                _samples[i][slot] = latencySeconds;
            }
        }
    }

    /// <summary>p50, p95 and p99 (nearest rank) of the minute up to and including <paramref name="nowSecond"/>.</summary>
    public LatencyView Summarize(long nowSecond)
    {
        var all = new List<double>();
        var count = 0;
        lock (_lock)
        {
            for (var i = 0; i < Seconds; i++)
            {
                if (_second[i] > nowSecond - Seconds && _second[i] <= nowSecond)
                {
                    count += _seen[i];
                    all.AddRange(_samples[i]);
                }
            }
        }
        if (all.Count == 0)
        {
            return new LatencyView(0, null, null, null);
        }
        all.Sort();
        return new LatencyView(count, Rank(all, 0.50), Rank(all, 0.95), Rank(all, 0.99));
    }

    private static double Rank(List<double> sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Count) - 1, 0, sorted.Count - 1)];
}
