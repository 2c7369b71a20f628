using ActorQueue.Jobs;
using ActorQueue.Protocol;
using ActorQueue.Seed.Dashboard.Activity;
using ActorQueue.Seed.Dashboard.Feed;
using ActorQueue.Storage;

namespace ActorQueue.Tests.Seed.Dashboard;

/// <summary>What the dashboard counts in memory: jobs per second, latency percentiles, each change once, dataset speed.</summary>
[Trait("Category", "Unit")]
public sealed class DashboardActivityTests
{
    [Fact]
    public void The_history_keeps_ten_minutes_a_second_at_a_time_and_reads_older_seconds_as_zero()
    {
        var history = new ThroughputHistory();
        history.Submitted(1000, 5);
        history.Completed(1000);
        history.Failed(1001);
        var points = history.Between(998, 1003);
        history.Completed(1000 + ThroughputHistory.Seconds); // a lap later, in the same bucket as second 1000
        var lap = history.Between(999, 1000 + ThroughputHistory.Seconds + 1);

        Assert.Equal([new(999, 0, 0, 0), new(1000, 5, 1, 0), new(1001, 0, 0, 1), new(1002, 0, 0, 0)], points);
        Assert.Equal(new ThroughputPoint(1000 + ThroughputHistory.Seconds, 0, 1, 0), lap[^1]);
        Assert.Equal(new ThroughputPoint(1001, 0, 0, 1), lap[0]);
        Assert.Equal(ThroughputHistory.Seconds, history.Between(long.MinValue, 5000).Count);
        Assert.Equal(0, history.Between(long.MinValue, 1001 + (2 * ThroughputHistory.Seconds)).Sum(p => p.Completed));
    }

    [Fact]
    public void Latency_percentiles_cover_the_last_minute_only()
    {
        var window = new LatencyWindow();
        for (var i = 1; i <= 100; i++)
        {
            window.Add(2000 + (i % 10), i / 100.0);
        }
        window.Add(2000 - 61, 99); // more than a minute before: not counted

        var summary = window.Summarize(2010);

        Assert.Equal(new LatencyView(100, 0.50, 0.95, 0.99), summary);
        Assert.Equal(new LatencyView(0, null, null, null), window.Summarize(2200));
    }

    [Fact]
    public void Past_the_sample_size_a_second_keeps_a_sample_but_counts_every_completion()
    {
        var window = new LatencyWindow();
        for (var i = 0; i < LatencyWindow.SamplesPerSecond * 4; i++)
        {
            window.Add(3000, 1.0);
        }

        Assert.Equal(new LatencyView(LatencyWindow.SamplesPerSecond * 4, 1.0, 1.0, 1.0), window.Summarize(3000));
    }

    [Fact]
    public void A_change_heard_twice_counts_once_and_a_later_attempt_or_a_re_driven_run_counts_again()
    {
        var recent = new RecentChanges();
        var failed = new JobChange("job-1", "default", JobState.Retryable, 1, DateTimeOffset.UnixEpoch);

        Assert.True(recent.FirstTime(failed));
        Assert.False(recent.FirstTime(failed with { }));
        Assert.True(recent.FirstTime(failed with { Attempt = 2, At = DateTimeOffset.UnixEpoch.AddSeconds(1) }));
        Assert.True(recent.FirstTime(failed with { State = JobState.Completed, Attempt = 2, At = DateTimeOffset.UnixEpoch.AddSeconds(2) }));
        // Re-driven, its attempts start again from 1: the same attempt at a later time is another failure.
        Assert.True(recent.FirstTime(failed with { At = DateTimeOffset.UnixEpoch.AddMinutes(5) }));
    }

    [Fact]
    public void A_job_id_tells_when_the_job_was_enqueued_to_the_millisecond()
    {
        var at = DateTimeOffset.Parse("2026-03-04T05:06:07.891Z", System.Globalization.CultureInfo.InvariantCulture);
        var id = new JobIds().Next(at);

        Assert.True(JobIds.TryReadTime(id, out var read));
        Assert.Equal(at, read);
        Assert.False(JobIds.TryReadTime(Guid.NewGuid().ToString(), out _));
        Assert.False(JobIds.TryReadTime("not-an-id", out _));
    }

    [Fact]
    public void A_datasets_speed_is_measured_over_its_last_five_seconds_and_falls_to_zero_when_it_stops()
    {
        var rates = new DatasetRates();
        var t = DateTimeOffset.UnixEpoch;

        Assert.Equal(0, rates.Record("d", t, 0));
        Assert.Equal(100, rates.Record("d", t.AddSeconds(1), 100));
        Assert.Equal(150, rates.Record("d", t.AddSeconds(2), 300));
        rates.Record("d", t.AddSeconds(8), 300);
        Assert.Equal(0, rates.Record("d", t.AddSeconds(14), 300));
    }
}
