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
}
