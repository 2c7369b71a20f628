using ActorQueue.Jobs;
using ActorQueue.Storage;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Storage;

/// <summary>The claim epoch: every claim raises it, nothing lowers it, and it fences finishing and renewal.</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task A_stale_outcome_of_a_released_and_reclaimed_attempt_is_refused_and_the_current_one_applied()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(), None);
        var first = await ClaimOneAsync("node-a");
        Assert.True(await Store.FinishAsync(new JobOutcome.Released(first.Id, "node-a", first.Attempt, first.Epoch), None));

        var second = await ClaimOneAsync("node-a");

        // The hand-back gave the attempt back, so both claims are attempt 1 of the same node; only the epoch tells them apart.
        Assert.Equal((submitted.Id, 1, 1), (second.Id, first.Attempt, second.Attempt));
        Assert.True(second.Epoch > first.Epoch, $"epoch {second.Epoch} after {first.Epoch}");
        Assert.False(await Store.FinishAsync(new JobOutcome.Completed(first.Id, "node-a", first.Attempt, first.Epoch, "\"stale\""), None));
        Assert.Equal(JobState.Running, (await GetAsync(submitted.Id)).State);
        Assert.True(await Store.FinishAsync(new JobOutcome.Completed(second.Id, "node-a", second.Attempt, second.Epoch, "\"current\""), None));
        Assert.Equal((JobState.Completed, "\"current\""), ((await GetAsync(submitted.Id)).State, (await GetAsync(submitted.Id)).Result));
    }

    [Fact]
    public async Task A_stale_outcome_in_a_batch_is_refused_on_its_own()
    {
        await Store.SubmitAsync(Submissions.Echo(), None);
        var first = await ClaimOneAsync("node-a");
        await Store.FinishAsync(new JobOutcome.Released(first.Id, "node-a", first.Attempt, first.Epoch), None);
        var second = await ClaimOneAsync("node-a");

        var result = await Store.FinishManyAsync(
        [
            new JobOutcome.Retry(first.Id, "node-a", 1, first.Epoch, "stale failure", Clock.GetUtcNow().AddMinutes(1)) { RowKey = first.RowKey },
            new JobOutcome.Completed(second.Id, "node-a", 1, second.Epoch, "\"current\"") { RowKey = second.RowKey },
        ], null, None);

        Assert.Equal([false, true], result.Applied);
        var job = await GetAsync(first.Id);
        Assert.Equal(JobState.Completed, job.State);
        Assert.Empty(job.Errors);
    }

    [Fact]
    public async Task Every_claim_raises_the_epoch_whoever_claims_and_however_the_last_claim_ended()
    {
        await Store.SubmitAsync(Submissions.Echo(maxAttempts: 10), None);
        var epochs = new List<long>();

        var claimed = await ClaimOneAsync("node-a");
        epochs.Add(claimed.Epoch);
        await Store.FinishAsync(new JobOutcome.Released(claimed.Id, "node-a", claimed.Attempt, claimed.Epoch), None);
        claimed = await ClaimOneAsync("node-b");
        epochs.Add(claimed.Epoch);
        Clock.Advance(Lease * 2);
        await Store.RescueAsync(None);
        claimed = await ClaimOneAsync("node-a");
        epochs.Add(claimed.Epoch);
        await Store.FinishAsync(new JobOutcome.Retry(claimed.Id, "node-a", claimed.Attempt, claimed.Epoch, "boom", Clock.GetUtcNow()), None);
        await Store.PromoteDueAsync(None);
        claimed = await ClaimOneAsync("node-a");
        epochs.Add(claimed.Epoch);

        Assert.Equal(epochs.Order(), epochs);
        Assert.Equal(epochs.Count, epochs.Distinct().Count());
    }

    [Fact]
    public async Task Renewing_claims_extends_only_the_current_claim_and_reports_the_stale_one_lost()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(), None);
        var first = await ClaimOneAsync("node-a");
        await Store.FinishAsync(new JobOutcome.Released(first.Id, "node-a", first.Attempt, first.Epoch), None);
        var second = await ClaimOneAsync("node-a");
        Clock.Advance(Lease - TimeSpan.FromSeconds(1));

        var renewal = await Store.RenewClaimsAsync("node-a",
            [new HeldClaim(first.Id, first.Epoch), new HeldClaim(second.Id, second.Epoch), new HeldClaim("not-a-job", 1)], None);

        Assert.Equal([new HeldClaim(first.Id, first.Epoch), new HeldClaim("not-a-job", 1)], renewal.Lost);
        Assert.Empty(renewal.CancelRequested);
        Assert.Null(renewal.Fence);
        Clock.Advance(TimeSpan.FromSeconds(2)); // past the claim's first lease, within the renewed one
        Assert.Equal(0, await Store.RescueAsync(None));
        Assert.Equal(JobState.Running, (await GetAsync(submitted.Id)).State);
    }

    [Fact]
    public async Task Renewing_claims_reports_the_claims_asked_to_cancel_and_never_renews_another_nodes()
    {
        await Store.SubmitBatchAsync([Submissions.Echo(), Submissions.Echo()], None);
        var mine = await ClaimOneAsync("node-a");
        var theirs = await ClaimOneAsync("node-b");
        await Store.CancelAsync(mine.Id, None);

        var renewal = await Store.RenewClaimsAsync("node-a", [new HeldClaim(mine.Id, mine.Epoch), new HeldClaim(theirs.Id, theirs.Epoch)], None);

        Assert.Equal([new HeldClaim(mine.Id, mine.Epoch)], renewal.CancelRequested);
        Assert.Equal([new HeldClaim(theirs.Id, theirs.Epoch)], renewal.Lost);
    }
}
