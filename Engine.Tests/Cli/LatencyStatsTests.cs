using ActorQueue.Cli.Bench;

namespace ActorQueue.Tests.Cli;

[Trait("Category", "Unit")]
public sealed class LatencyStatsTests
{
    [Fact]
    public void Percentiles_UseNearestRank_OverUnsortedSamples()
    {
        var stats = new LatencyStats();
        foreach (var ms in Enumerable.Range(1, 100).Reverse())
        {
            stats.Add(ms);
        }

        Assert.Equal(50, stats.Percentile(50));
        Assert.Equal(90, stats.Percentile(90));
        Assert.Equal(99, stats.Percentile(99));
        Assert.Equal(100, stats.Max);
        Assert.Equal(50.5, stats.Mean);
    }

    [Fact]
    public void FewSamples_HighPercentilesAreTheMaximum()
    {
        var stats = new LatencyStats();
        stats.Add(3);
        stats.Add(1);
        stats.Add(2);

        Assert.Equal(2, stats.Percentile(50));
        Assert.Equal(3, stats.Percentile(99));
    }

    [Fact]
    public void NoSamples_HaveNoPercentiles()
    {
        Assert.Null(new LatencyStats().Percentile(50));
        Assert.Null(new LatencyStats().Max);
    }

    [Fact]
    public void The_histogram_counts_each_sample_in_its_1_2_5_bucket_from_the_first_used_bar_to_the_last()
    {
        var buckets = LatencyHistogram.From([3, 5, 5.01, 7.5, 48, 70_000]);

        Assert.Equal(5, buckets[0].UpToMs);
        Assert.Equal(2, buckets[0].Count); // 3 and 5: a bound belongs to its own bucket
        Assert.Equal(new LatencyBucket(10, 2), buckets[1]);
        Assert.Equal(new LatencyBucket(20, 0), buckets[2]);
        Assert.Equal(new LatencyBucket(50, 1), buckets[3]);
        Assert.Equal(new LatencyBucket(null, 1), buckets[^1]);
        Assert.Equal(6, buckets.Sum(b => b.Count));
        Assert.Empty(LatencyHistogram.From([]));
    }
}
