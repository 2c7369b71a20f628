using ActorQueue.Jobs;
using ActorQueue.Storage;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Storage;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Completing_records_the_result_and_the_finish_time()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(), None);
        var claimed = await ClaimOneAsync();
        Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.True(await Store.FinishAsync(new JobOutcome.Completed(claimed.Id, "node-a", claimed.Attempt, claimed.Epoch, "{\"ok\":true}"), None));

        var job = await GetAsync(submitted.Id);
        Assert.Equal(JobState.Completed, job.State);
        Assert.Equal("{\"ok\":true}", job.Result);
        Assert.Equal(Clock.GetUtcNow(), job.CompletedAt);
    }

    [Fact]
    public async Task An_error_carries_the_time_its_attempt_failed_not_the_time_it_was_written()
    {
        await Store.SubmitAsync(Submissions.Echo(), None);
        await Store.SubmitAsync(Submissions.Echo(), None);
        var claimed = await Store.ClaimAsync("default", "node-a", 2, None);
        var failedAt = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromMilliseconds(250)); // the outcomes wait for the writer

        await Store.FinishManyAsync(
            [
                new JobOutcome.Retry(claimed[0].Id, "node-a", 1, claimed[0].Epoch, "boom", failedAt.AddSeconds(1)) { FailedAt = failedAt },
                new JobOutcome.Discard(claimed[1].Id, "node-a", 1, claimed[1].Epoch, "bad input"),
            ], null, None);

        Assert.Equal(failedAt, Assert.Single((await GetAsync(claimed[0].Id)).Errors).At);
        Assert.Equal(Clock.GetUtcNow(), Assert.Single((await GetAsync(claimed[1].Id)).Errors).At);
    }

    [Fact]
    public async Task A_failed_attempt_is_kept_in_the_history_and_retried_when_its_backoff_is_over()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(), None);
        var claimed = await ClaimOneAsync();
        var retryAt = Clock.GetUtcNow().AddSeconds(10);

        Assert.True(await Store.FinishAsync(new JobOutcome.Retry(claimed.Id, "node-a", 1, claimed.Epoch, "boom", retryAt), None));

        var job = await GetAsync(submitted.Id);
        Assert.Equal(JobState.Retryable, job.State);
        var error = Assert.Single(job.Errors);
        Assert.Equal((1, "node-a", "boom"), (error.Attempt, error.Node, error.Message));
        Assert.Equal(retryAt, await Store.NextDueAtAsync(None));
        Assert.Equal(0, await Store.PromoteDueAsync(None));

        Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await Store.PromoteDueAsync(None));
        var second = await ClaimOneAsync("node-b");
        Assert.Equal(2, second.Attempt);
    }

    [Fact]
    public async Task A_node_that_lost_its_job_cannot_finish_it()
    {
        await Store.SubmitAsync(Submissions.Echo(), None);
        var first = await ClaimOneAsync("node-a");
        Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Store.RescueAsync(None));
        var second = await ClaimOneAsync("node-b");

        Assert.False(await Store.FinishAsync(new JobOutcome.Completed(first.Id, "node-a", first.Attempt, first.Epoch, "\"stale\""), None));
        Assert.True(await Store.FinishAsync(new JobOutcome.Completed(second.Id, "node-b", second.Attempt, second.Epoch, "\"fresh\""), None));
        Assert.Equal("\"fresh\"", (await GetAsync(first.Id)).Result);
    }

    [Fact]
    public async Task An_expired_lease_is_rescued_and_the_lost_attempt_is_counted()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(maxAttempts: 3), None);
        await ClaimOneAsync("node-a");

        Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await Store.RescueAsync(None));
        Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await Store.RescueAsync(None));

        var job = await GetAsync(submitted.Id);
        Assert.Equal(JobState.Available, job.State);
        Assert.Equal(1, job.Attempt);
        Assert.Contains("rescued", Assert.Single(job.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(2, (await ClaimOneAsync("node-b")).Attempt);
    }

    [Fact]
    public async Task A_long_job_whose_lease_is_renewed_is_never_rescued()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(), None);
        var claimed = await ClaimOneAsync("node-a");

        for (var i = 0; i < 20; i++)
        {
            Clock.Advance(Lease / 3);
            var renewal = await Store.RenewClaimsAsync("node-a", [new HeldClaim(claimed.Id, claimed.Epoch)], None);
            Assert.Empty(renewal.Lost);
            Assert.Equal(0, await Store.RescueAsync(None));
        }

        Assert.Equal(JobState.Running, (await GetAsync(submitted.Id)).State);
    }

    [Fact]
    public async Task A_rescued_job_on_its_last_attempt_is_discarded()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(maxAttempts: 1), None);
        await ClaimOneAsync();
        Clock.Advance(Lease * 2);

        await Store.RescueAsync(None);

        var job = await GetAsync(submitted.Id);
        Assert.Equal(JobState.Discarded, job.State);
        Assert.NotNull(job.CompletedAt);
    }

    [Fact]
    public async Task Renewal_reports_jobs_asked_to_cancel_and_jobs_the_node_no_longer_holds()
    {
        await Store.SubmitBatchAsync([Submissions.Echo(), Submissions.Echo()], None);
        var claimed = await Store.ClaimAsync("default", "node-a", 2, None);
        await Store.CancelAsync(claimed[0].Id, None);

        var renewal = await Store.RenewClaimsAsync("node-a",
            [new HeldClaim(claimed[0].Id, claimed[0].Epoch), new HeldClaim(claimed[1].Id, claimed[1].Epoch), new HeldClaim("not-a-job", 1)], None);

        Assert.Equal([claimed[0].Id], renewal.CancelRequested.Select(c => c.JobId));
        Assert.Equal(["not-a-job"], renewal.Lost.Select(c => c.JobId));
    }

    [Fact]
    public async Task A_released_job_goes_back_to_available_without_using_an_attempt()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(), None);
        var claimed = await ClaimOneAsync();

        Assert.True(await Store.FinishAsync(new JobOutcome.Released(claimed.Id, "node-a", claimed.Attempt, claimed.Epoch), None));

        var job = await GetAsync(submitted.Id);
        Assert.Equal(JobState.Available, job.State);
        Assert.Equal(0, job.Attempt);
        Assert.Empty(job.Errors);
    }

    [Fact]
    public async Task Finishing_a_batch_applies_each_outcome_on_its_own_and_claims_the_next_jobs_in_the_same_step()
    {
        await Store.SubmitBatchAsync(Enumerable.Range(0, 5).Select(_ => Submissions.Echo()).ToList(), None);
        var claimed = await Store.ClaimAsync("default", "node-a", 2, None);

        var result = await Store.FinishManyAsync(
        [
            new JobOutcome.Completed(claimed[0].Id, "node-a", 1, claimed[0].Epoch, "1") { RowKey = claimed[0].RowKey },
            new JobOutcome.Completed(claimed[1].Id, "node-b", 1, claimed[1].Epoch, "2"),
        ], new ClaimRequest("default", "node-a", 2), None);

        Assert.Equal([true, false], result.Applied);
        Assert.Equal(2, result.Claimed.Count);
        Assert.Equal(JobState.Completed, (await GetAsync(claimed[0].Id)).State);
        Assert.Equal(JobState.Running, (await GetAsync(claimed[1].Id)).State);
        Assert.All(result.Claimed, c => Assert.DoesNotContain(c.Id, claimed.Select(x => x.Id)));
    }
}
