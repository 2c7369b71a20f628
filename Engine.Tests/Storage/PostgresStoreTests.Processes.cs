using ActorQueue.Jobs;
using ActorQueue.Storage;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.TestKit;

namespace ActorQueue.Tests.Storage;

/// <summary>
/// Several stores on one database, as several processes of a cluster: claims never collide, and each store
/// raises the signals of its own commits only (the cluster's signal bridge carries them to the others).
/// </summary>
public sealed partial class PostgresStoreTests
{
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
    public async Task A_write_raises_its_signals_in_the_process_that_made_it_and_nowhere_else()
    {
        await using var other = OpenAnother();
        using var here = new SignalRecorder(Store.Signals);
        using var there = new SignalRecorder(other.Signals);

        var submitted = await Store.SubmitAsync(Submissions.Echo(), None);
        var claimed = await ClaimOneAsync();
        await Store.CancelAsync(submitted.Id, None);
        await Store.FinishAsync(new JobOutcome.Cancelled(claimed.Id, "node-a", 1, claimed.Epoch, "cancelled on request"), None);
        // Had the changes above reached the other store through the database, they would have reached it before
        // this later write of its own returned (a listener hears NOTIFYs in commit order).
        var theirs = await other.SubmitAsync(Submissions.Echo(queue: "theirs"), None);

        var at = Clock.GetUtcNow();
        string[] mine =
        [
            SignalRecorder.Available("default"), SignalRecorder.Changed(new JobChange(submitted.Id, "default", JobState.Available, 0, at)),
            SignalRecorder.Changed(new JobChange(submitted.Id, "default", JobState.Running, 1, at)),
            SignalRecorder.Cancel(submitted.Id),
            SignalRecorder.Changed(new JobChange(submitted.Id, "default", JobState.Cancelled, 1, at)),
        ];
        string[] yours = [SignalRecorder.Available("theirs"), SignalRecorder.Changed(new JobChange(theirs.Id, "theirs", JobState.Available, 0, at))];
        Assert.Equal(mine, here.TakePublished());
        Assert.Equal(mine, here.TakeHeard());
        Assert.Equal(yours, there.TakePublished());
        Assert.Equal(yours, there.TakeHeard());
        Assert.False(await other.Signals.WaitForAvailableAsync("default", TimeSpan.Zero, None), "a change made elsewhere woke this process's waiters");
    }

    [Fact]
    public async Task A_change_to_many_jobs_raises_each_once_before_it_returns()
    {
        const int Count = 300;
        await Store.SubmitBatchAsync(Enumerable.Range(0, Count).Select(_ => Submissions.Echo(maxAttempts: 1)).ToList(), None);
        var claimed = await Store.ClaimAsync("default", "node-a", Count, None);
        await Store.FinishManyAsync(claimed.Select(c => (JobOutcome)new JobOutcome.Discard(c.Id, "node-a", 1, c.Epoch, "bad input") { RowKey = c.RowKey }).ToList(), null, None);
        using var recorder = new SignalRecorder(Store.Signals);

        Assert.Equal(Count, await Store.RetryAllDiscardedAsync(None));

        var published = recorder.TakePublished();
        Assert.Equal(SignalRecorder.Available("default"), published[0]);
        Assert.Equal(claimed.Select(c => c.Id).Order(StringComparer.Ordinal), published.Skip(1).Select(p => p.Split(' ')[1]).Order(StringComparer.Ordinal));
        Assert.Equal(published, recorder.TakeHeard());
    }

    [Fact]
    public async Task The_store_holds_no_listening_connection()
    {
        await Store.SubmitAsync(Submissions.Echo(), None);
        await using var other = OpenAnother();
        await other.ClaimAsync("default", "node-a", 1, None);

        // The stores' pooled connections are there, and none of them ran LISTEN or is a listener's own.
        const string Clients = "FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()";
        Assert.True(await server.ScalarAsync<long>(_database, $"SELECT count(*) {Clients}") >= 2);
        Assert.Equal(0L, await server.ScalarAsync<long>(_database,
            $"SELECT count(*) {Clients} AND (query ILIKE 'LISTEN%' OR application_name ILIKE '%listener%')"));
    }

    [Fact]
    public async Task Migrating_drops_the_notify_functions()
    {
        // Nothing of the store's own (functions, so neither the triggers that could call one) sends a NOTIFY.
        const string Own = "FROM pg_proc WHERE pronamespace = 'public'::regnamespace";
        Assert.True(await server.ScalarAsync<long>(_database, $"SELECT count(*) {Own}") > 0, "the store's own functions are where this looks");
        Assert.Equal(0L, await server.ScalarAsync<long>(_database, $"SELECT count(*) {Own} AND (proname LIKE 'aq%notify%' OR prosrc ILIKE '%notify%')"));
        Assert.Equal("V013_drop_notify", await server.ScalarAsync<string>(_database, "SELECT name FROM aq_migrations WHERE version = 13"));
    }
}
