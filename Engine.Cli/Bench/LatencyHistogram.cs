namespace ActorQueue.Cli.Bench;

/// <summary>One bar of the latency histogram: round trips that took at most <see cref="UpToMs"/> (null: longer than every bound) and more than the bar before.</summary>
internal sealed record LatencyBucket(double? UpToMs, int Count);

/// <summary>Round-trip times counted into fixed 1-2-5 buckets (1 ms to 60 s), so that runs can be compared bar by bar.</summary>
internal static class LatencyHistogram
{
    public static readonly double[] Bounds = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 60_000];

    /// <summary>The bars from the first to the last that holds a sample (empty ones between them included); none without samples.</summary>
    public static IReadOnlyList<LatencyBucket> From(IEnumerable<double> samples)
    {
        var counts = new int[Bounds.Length + 1];
        foreach (var sample in samples)
        {
            var index = Array.BinarySearch(Bounds, sample);
            counts[index >= 0 ? index : ~index]++;
        }
        var first = Array.FindIndex(counts, c => c > 0);
        if (first < 0)
        {
            return [];
        }
        var last = Array.FindLastIndex(counts, c => c > 0);
        return Enumerable.Range(first, last - first + 1)
            .Select(i => new LatencyBucket(i < Bounds.Length ? Bounds[i] : null, counts[i]))
            .ToList();
    }
}
