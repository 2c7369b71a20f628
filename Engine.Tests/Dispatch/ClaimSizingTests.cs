using ActorQueue.Dispatch;

namespace ActorQueue.Tests.Dispatch;

/// <summary>How many jobs a node holds: enough that short jobs never wait on a round trip, none extra when jobs are long.</summary>
[Trait("Category", "Unit")]
public sealed class ClaimSizingTests
{
    [Fact]
    public void Until_the_pace_is_known_a_pool_claims_only_one_job_per_free_actor()
    {
        Assert.Equal(4, ClaimSizing.ToClaim(poolSize: 4, averageRun: null, running: 0, buffered: 0));
        Assert.Equal(1, ClaimSizing.ToClaim(poolSize: 4, averageRun: null, running: 3, buffered: 0));
    }

    [Fact]
    public void Two_second_jobs_are_never_held_beyond_the_free_actors()
    {
        Assert.Equal(0, ClaimSizing.Prefetch(4, TimeSpan.FromSeconds(2)));
        Assert.Equal(0, ClaimSizing.ToClaim(4, TimeSpan.FromSeconds(2), running: 4, buffered: 0));
    }

    [Fact]
    public void A_small_pool_of_instant_jobs_holds_as_many_as_a_large_pool_would_run()
    {
        var small = ClaimSizing.ToClaim(4, TimeSpan.FromMicroseconds(50), running: 0, buffered: 0);
        var large = ClaimSizing.ToClaim(96, TimeSpan.FromMicroseconds(50), running: 0, buffered: 0);

        Assert.Equal(4 + ClaimSizing.MaxPrefetch, small);
        Assert.True(small >= 96, $"a pool of 4 holds {small} instant jobs, fewer than a pool of 96 runs at once");
        Assert.Equal(96 + ClaimSizing.MaxPrefetch, large);
    }

    [Fact]
    public void The_prefetch_covers_the_horizon_at_the_measured_pace()
    {
        // 4 actors at 1 ms a job finish 40 jobs in the 10 ms horizon.
        Assert.Equal(40, ClaimSizing.Prefetch(4, TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public void The_average_follows_the_runs_smoothly()
    {
        var average = ClaimSizing.Average(null, TimeSpan.FromMilliseconds(8));
        Assert.Equal(TimeSpan.FromMilliseconds(8), average);

        average = ClaimSizing.Average(average, TimeSpan.FromMilliseconds(16));
        Assert.Equal(TimeSpan.FromMilliseconds(9), average);
    }
}
