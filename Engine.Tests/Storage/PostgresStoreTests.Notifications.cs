using ActorQueue.Jobs;
using ActorQueue.Storage;
using ActorQueue.Storage.Postgres;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.TestKit;

namespace ActorQueue.Tests.Storage;

/// <summary>Several stores on one database, as several processes of a cluster: claims and LISTEN/NOTIFY.</summary>
public sealed partial class PostgresStoreTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Two_processes_claiming_from_one_database_never_take_the_same_job()
    {
        await using var other = OpenAnother();
        await Store.SubmitBatchAsync(Enumerable.Range(0, 400).Select(_ => Submissions.Echo()).ToList(), None);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var claimers = new[] { Store, other, Store, other, Store, other }.Select((store, n) => Task.Run(async () =>
        {
            await start.Task;
            var mine = new List<string>();
            while (true)
            {
                var batch = await store.ClaimAsync("default", $"node-{n}", 5, None);
                if (batch.Count == 0)
                {
                    return mine;
                }
                mine.AddRange(batch.Select(b => b.Id));
            }
        })).ToList();
        start.SetResult();
        var claims = await Task.WhenAll(claimers);

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(400, all.Count);
        Assert.Equal(400, all.Distinct().Count());
        Assert.Equal(400L, await server.ScalarAsync<long>(_database, "SELECT count(*) FROM aq_jobs WHERE state = 'running' AND attempt = 1"));
    }

    [Fact]
    public async Task A_submission_through_one_process_wakes_a_waiter_in_another()
    {
        await using var other = OpenAnother();
        var woke = other.Signals.WaitForAvailableAsync("cross", Budget, None);

        await Store.SubmitAsync(Submissions.Echo(queue: "cross"), None);

        Assert.True(await woke, "the other process was not woken by the submission");
    }

    [Fact]
    public async Task Watchers_and_cancel_requests_cross_processes()
    {
        await using var other = OpenAnother();
        var submitted = await Store.SubmitAsync(Submissions.Echo(queue: "cross"), None);
        using var watch = other.Signals.Watch(submitted.Id);
        var asked = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Store.Signals.CancelRequested += id => asked.TrySetResult(id);

        var claimed = Assert.Single(await Store.ClaimAsync("cross", "node-a", 1, None));
        Assert.Equal(CancelOutcome.StopRequested, (await other.CancelAsync(submitted.Id, None)).Outcome);
        Assert.Equal(submitted.Id, await asked.Task.WaitAsync(Budget));
        Assert.True(await Store.FinishAsync(new JobOutcome.Cancelled(claimed.Id, "node-a", claimed.Attempt, claimed.Epoch, "cancelled on request"), None));

        var seen = new List<JobChange>();
        using var timeout = new CancellationTokenSource(Budget);
        while (seen.Count == 0 || !seen[^1].State.IsFinal())
        {
            seen.Add(await watch.Changes.ReadAsync(timeout.Token));
        }
        // The submission's own change may reach the other process after it started watching.
        Assert.Equal([JobState.Running, JobState.Cancelled], seen.Select(c => c.State).SkipWhile(s => s == JobState.Available));
        Assert.Equal(Clock.GetUtcNow(), seen[^1].At);
        Assert.Equal("cross", seen[^1].Queue);
    }

    [Fact]
    public async Task Notifications_of_a_change_to_many_jobs_all_arrive()
    {
        const int Count = 300;
        await Store.SubmitBatchAsync(Enumerable.Range(0, Count).Select(_ => Submissions.Echo(maxAttempts: 1)).ToList(), None);
        var claimed = await Store.ClaimAsync("default", "node-a", Count, None);
        await Store.FinishManyAsync(claimed.Select(c => (JobOutcome)new JobOutcome.Discard(c.Id, "node-a", 1, c.Epoch, "bad input") { RowKey = c.RowKey }).ToList(), null, None);
        await using var other = OpenAnother();
        var redriven = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        other.Signals.Changed += change =>
        {
            if (change.State == JobState.Available && Interlocked.Increment(ref redriven) == Count)
            {
                all.TrySetResult();
            }
        };

        // About 23 kB of events: more than one NOTIFY payload can carry.
        Assert.Equal(Count, await Store.RetryAllDiscardedAsync(None));

        await all.Task.WaitAsync(Budget);
        Assert.True(await other.Signals.WaitForAvailableAsync("default", Budget, None));
    }

    [Fact]
    public async Task The_listener_reconnects_after_the_server_restarts_and_hears_changes_again()
    {
        var logs = new CapturingLoggerProvider();
        await using var watcher = PostgresStore.Open(server.ConnectionString(_database), Options, TimeProvider.System, logs.CreateLogger("postgres"));
        await Store.SubmitAsync(Submissions.Echo(queue: "before"), None);
        Assert.True(await watcher.Signals.WaitForAvailableAsync("before", Budget, None));

        await server.RestartAsync();

        // What was notified while it was away is lost, so once back it wakes every queue it knows.
        Assert.True(await watcher.Signals.WaitForAvailableAsync("before", TimeSpan.FromSeconds(30), None), "the listener did not come back");
        Assert.True(await watcher.Signals.WaitForDatasetWorkAsync(Budget, None), "the shard region was not woken after the reconnect");
        Assert.Contains(logs.Entries, e => e.EventId.Id == 5001);
        Assert.Contains(logs.Entries, e => e.EventId.Id == 5003);
        await using var writer = OpenAnother();
        var woke = watcher.Signals.WaitForAvailableAsync("after", Budget, None);
        await writer.SubmitAsync(Submissions.Echo(queue: "after"), None);
        Assert.True(await woke, "no notification arrived after the reconnect");
    }
}
