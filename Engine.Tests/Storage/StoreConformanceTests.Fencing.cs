using ActorQueue.Jobs;
using ActorQueue.Storage;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Storage;

/// <summary>
/// Fenced members: once the cluster downed or removed a node, the ledger rescues its jobs and refuses it
/// work for good, even if its process wakes up later (frozen with SIGSTOP, then thawed).
/// </summary>
public abstract partial class StoreConformanceTests
{
    private const string Removed = "downed by the split-brain resolver";

    [Fact]
    public async Task Fencing_a_node_rescues_its_running_jobs_at_once_and_says_so_in_their_history()
    {
        var plain = await Store.SubmitAsync(Submissions.Echo(), None);
        var lastAttempt = await Store.SubmitAsync(Submissions.Echo(maxAttempts: 1), None);
        var cancelling = await Store.SubmitAsync(Submissions.Echo(), None);
        var elsewhere = await Store.SubmitAsync(Submissions.Echo(), None);
        Assert.Equal(3, (await Store.ClaimAsync("default", "node-a", 3, None)).Count);
        await ClaimOneAsync("node-b");
        await Store.CancelAsync(cancelling.Id, None);
        var changes = new List<JobChange>();
        Store.Signals.Changed += change => { lock (changes) { changes.Add(change); } };
        Clock.Advance(TimeSpan.FromSeconds(3)); // well within the leases: nothing has lapsed

        Assert.Equal(3, await Store.FenceNodeAsync("node-a", Removed, None));

        Assert.Equal(JobState.Available, (await GetAsync(plain.Id)).State);
        Assert.Equal(JobState.Discarded, (await GetAsync(lastAttempt.Id)).State);
        Assert.Equal(JobState.Cancelled, (await GetAsync(cancelling.Id)).State);
        Assert.Equal((JobState.Running, "node-b"), ((await GetAsync(elsewhere.Id)).State, (await GetAsync(elsewhere.Id)).Node));
        var error = Assert.Single((await GetAsync(plain.Id)).Errors);
        Assert.Equal((1, "node-a", Clock.GetUtcNow()), (error.Attempt, error.Node, error.At));
        Assert.StartsWith("rescued: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("node-a", error.Message, StringComparison.Ordinal);
        Assert.Contains(Removed, error.Message, StringComparison.Ordinal);
        Assert.NotNull((await GetAsync(lastAttempt.Id)).CompletedAt);
        lock (changes)
        {
            // Raised once the fence committed, like every other rescue. (A claim's own change may be heard late.)
            Assert.Equal(
                [(plain.Id, JobState.Available), (lastAttempt.Id, JobState.Discarded), (cancelling.Id, JobState.Cancelled)],
                changes.Where(c => c.State != JobState.Running).Select(c => (c.JobId, c.State))
                    .OrderBy(c => c.JobId == plain.Id ? 0 : c.JobId == lastAttempt.Id ? 1 : 2));
        }
    }

    [Fact]
    public async Task A_fenced_node_can_claim_nothing_ever_again_and_is_told_why()
    {
        await Store.SubmitAsync(Submissions.Echo(), None);
        await Store.FenceNodeAsync("node-a", Removed, None);
        var fencedAt = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromHours(1)); // it wakes up much later

        var exception = await Assert.ThrowsAsync<NodeFencedException>(() => Store.ClaimAsync("default", "node-a", 5, None));

        Assert.Equal(
            "This node (node-a) was removed from the cluster at 2026-01-01 12:00:00.000Z and can no longer take or finish work.",
            exception.Message);
        Assert.Equal(new NodeFence("node-a", fencedAt, Removed), exception.Fence);
        await Assert.ThrowsAsync<NodeFencedException>(() => Store.FinishManyAsync([], new ClaimRequest("default", "node-a", 5), None));
        var job = Assert.Single((await Store.ListAsync(new JobQuery(), None)).Jobs);
        Assert.Equal((JobState.Available, 0), (job.State, job.Attempt));
        Assert.Equal(job.Id, (await ClaimOneAsync("node-b")).Id);
    }

    [Fact]
    public async Task A_fenced_node_that_wakes_up_cannot_finish_or_renew_what_it_held_and_hears_it_was_fenced()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(), None);
        var held = await ClaimOneAsync("node-a");
        await Store.FenceNodeAsync("node-a", Removed, None);
        var fence = new NodeFence("node-a", Clock.GetUtcNow(), Removed);
        Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.False(await Store.FinishAsync(new JobOutcome.Completed(held.Id, "node-a", held.Attempt, held.Epoch, "\"zombie\""), None));
        await Assert.ThrowsAsync<NodeFencedException>(() => Store.FinishManyAsync(
            [new JobOutcome.Completed(held.Id, "node-a", held.Attempt, held.Epoch, "\"zombie\"") { RowKey = held.RowKey }],
            new ClaimRequest("default", "node-a", 1), None));
        var renewal = await Store.RenewClaimsAsync("node-a", [new HeldClaim(held.Id, held.Epoch)], None);

        Assert.Equal([new HeldClaim(held.Id, held.Epoch)], renewal.Lost);
        Assert.Equal(fence, renewal.Fence);
        Assert.Equal(fence, (await Store.RenewClaimsAsync("node-a", [], None)).Fence); // an idle node hears it too
        Assert.Null((await Store.RenewClaimsAsync("node-b", [], None)).Fence);
        var job = await GetAsync(submitted.Id);
        Assert.Equal((JobState.Available, null), (job.State, job.Result));
    }

    [Fact]
    public async Task Fencing_again_keeps_the_first_tombstone_and_rescues_nothing_more()
    {
        await Store.SubmitBatchAsync([Submissions.Echo(), Submissions.Echo()], None);
        await Store.ClaimAsync("default", "node-a", 2, None);
        var first = Clock.GetUtcNow();
        Assert.Equal(2, await Store.FenceNodeAsync("node-a", Removed, None));
        Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, await Store.FenceNodeAsync("node-a", "removed again", None));

        Assert.Equal(new NodeFence("node-a", first, Removed), (await Store.RenewClaimsAsync("node-a", [], None)).Fence);
        Assert.All((await Store.ListAsync(new JobQuery(), None)).Jobs, job => Assert.Single(job.Errors));
    }

    [Fact]
    public async Task Fencing_a_node_that_runs_nothing_rescues_nothing_but_still_shuts_it_out()
    {
        Assert.Equal(0, await Store.FenceNodeAsync("node-a", Removed, None));

        await Assert.ThrowsAsync<NodeFencedException>(() => Store.ClaimAsync("default", "node-a", 1, None));
    }

    [Fact]
    public async Task Rescue_keeps_rescuing_lapsed_leases_of_live_nodes_alongside_fences()
    {
        var lapsed = await Store.SubmitAsync(Submissions.Echo(), None);
        await ClaimOneAsync("node-b");
        await Store.FenceNodeAsync("node-a", Removed, None);
        Clock.Advance(Lease + TimeSpan.FromSeconds(1));

        Assert.Equal(1, await Store.RescueAsync(None));

        Assert.Equal(JobState.Available, (await GetAsync(lapsed.Id)).State);
    }

    [Fact]
    public async Task Pruning_forgets_tombstones_older_than_the_discarded_job_retention()
    {
        await Store.FenceNodeAsync("node-old", Removed, None);
        Clock.Advance(TimeSpan.FromDays(6));
        await Store.FenceNodeAsync("node-recent", Removed, None);
        Clock.Advance(TimeSpan.FromDays(2));

        await Store.PruneAsync(Clock.GetUtcNow().AddDays(-1), Clock.GetUtcNow().AddDays(-7), 100, None);

        Assert.Null((await Store.RenewClaimsAsync("node-old", [], None)).Fence);
        Assert.NotNull((await Store.RenewClaimsAsync("node-recent", [], None)).Fence);
    }
}
