using ActorQueue.Jobs;
using ActorQueue.Storage;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Storage;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Cancelling_a_waiting_job_makes_it_final_at_once()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(), None);

        var result = await Store.CancelAsync(submitted.Id, None);

        Assert.Equal(CancelOutcome.Cancelled, result.Outcome);
        Assert.Equal(JobState.Cancelled, result.Job!.State);
        Assert.Empty(await Store.ClaimAsync("default", "node-a", 5, None));
    }

    [Fact]
    public async Task Cancelling_a_running_job_asks_its_node_to_stop()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(), None);
        var claimed = await ClaimOneAsync();
        var asked = new TaskCompletionSource<string>();
        Store.Signals.CancelRequested += id => asked.TrySetResult(id);

        var result = await Store.CancelAsync(submitted.Id, None);

        Assert.Equal(CancelOutcome.StopRequested, result.Outcome);
        Assert.True(result.Job!.CancelRequested);
        Assert.Equal(submitted.Id, await asked.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(await Store.FinishAsync(new JobOutcome.Cancelled(claimed.Id, "node-a", 1, claimed.Epoch, "cancelled on request"), None));
        Assert.Equal(JobState.Cancelled, (await GetAsync(submitted.Id)).State);
    }

    [Fact]
    public async Task Cancelling_a_finished_or_unknown_job_changes_nothing()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(), None);
        var claimed = await ClaimOneAsync();
        await Store.FinishAsync(new JobOutcome.Completed(claimed.Id, "node-a", 1, claimed.Epoch, null), None);

        Assert.Equal(CancelOutcome.AlreadyFinal, (await Store.CancelAsync(submitted.Id, None)).Outcome);
        Assert.Equal(CancelOutcome.NotFound, (await Store.CancelAsync("no-such-job", None)).Outcome);
        Assert.Equal(JobState.Completed, (await GetAsync(submitted.Id)).State);
    }

    [Fact]
    public async Task Retrying_a_discarded_job_gives_it_a_fresh_set_of_attempts_and_keeps_its_errors_as_history()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(maxAttempts: 2), None);
        var first = await ClaimOneAsync();
        Assert.True(await Store.FinishAsync(new JobOutcome.Discard(first.Id, "node-a", 1, first.Epoch, "bad input"), None));

        var result = await Store.RetryAsync(submitted.Id, None);

        Assert.Equal(RetryOutcome.Retried, result.Outcome);
        Assert.Equal(JobState.Available, result.Job!.State);
        Assert.Equal((0, 2), (result.Job.Attempt, result.Job.MaxAttempts));
        Assert.Equal("bad input", Assert.Single(result.Job.Errors).Message);
        var again = await ClaimOneAsync();
        Assert.Equal((1, 2), (again.Attempt, again.MaxAttempts));
        Assert.True(again.Epoch > first.Epoch);
        // The claim from before the re-drive can no longer finish the job.
        Assert.False(await Store.FinishAsync(new JobOutcome.Completed(first.Id, "node-a", 1, first.Epoch, null), None));
        Assert.True(await Store.FinishAsync(new JobOutcome.Discard(again.Id, "node-a", 1, again.Epoch, "still bad"), None));

        var twice = await Store.RetryAsync(submitted.Id, None);

        Assert.Equal(0, twice.Job!.Attempt);
        Assert.Equal(["bad input", "still bad"], twice.Job.Errors.Select(e => e.Message));
        Assert.Equal(1, (await ClaimOneAsync()).Attempt);
    }

    [Fact]
    public async Task Retrying_a_cancelled_job_starts_its_attempts_again()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(maxAttempts: 3), None);
        var claimed = await ClaimOneAsync();
        Assert.True(await Store.FinishAsync(new JobOutcome.Cancelled(claimed.Id, "node-a", 1, claimed.Epoch, "cancelled on request"), None));

        var result = await Store.RetryAsync(submitted.Id, None);

        Assert.Equal((JobState.Available, 0, 3), (result.Job!.State, result.Job.Attempt, result.Job.MaxAttempts));
        Assert.Equal(1, (await ClaimOneAsync()).Attempt);
    }

    [Fact]
    public async Task Only_discarded_or_cancelled_jobs_can_be_retried()
    {
        var waiting = await Store.SubmitAsync(Submissions.Echo(), None);

        Assert.Equal(RetryOutcome.NotRetryable, (await Store.RetryAsync(waiting.Id, None)).Outcome);
        Assert.Equal(RetryOutcome.NotFound, (await Store.RetryAsync("no-such-job", None)).Outcome);
    }

    [Fact]
    public async Task Retrying_the_whole_dead_letter_queue_re_drives_every_discarded_job()
    {
        await Store.SubmitBatchAsync([Submissions.Echo(maxAttempts: 1), Submissions.Echo(maxAttempts: 1), Submissions.Echo()], None);
        var claimed = await Store.ClaimAsync("default", "node-a", 3, None);
        await Store.FinishAsync(new JobOutcome.Discard(claimed[0].Id, "node-a", 1, claimed[0].Epoch, "x"), None);
        await Store.FinishAsync(new JobOutcome.Discard(claimed[1].Id, "node-a", 1, claimed[1].Epoch, "y"), None);
        await Store.FinishAsync(new JobOutcome.Completed(claimed[2].Id, "node-a", 1, claimed[2].Epoch, null), None);

        Assert.Equal(2, await Store.RetryAllDiscardedAsync(None));
        var again = await Store.ClaimAsync("default", "node-a", 3, None);
        Assert.Equal(2, again.Count);
        Assert.All(again, job => Assert.Equal((1, 1), (job.Attempt, job.MaxAttempts)));
    }

    [Fact]
    public async Task A_capped_re_drive_takes_the_oldest_dead_jobs_up_to_the_cap_and_leaves_the_rest_dead()
    {
        await Store.SubmitBatchAsync([Submissions.Echo(maxAttempts: 1), Submissions.Echo(maxAttempts: 1), Submissions.Echo(maxAttempts: 1)], None);
        var claimed = await Store.ClaimAsync("default", "node-a", 3, None);
        foreach (var job in claimed)
        {
            await Store.FinishAsync(new JobOutcome.Discard(job.Id, "node-a", 1, job.Epoch, "x"), None);
        }

        Assert.Equal(2, await Store.RetryDiscardedAsync(2, None));
        var redriven = await Store.ClaimAsync("default", "node-a", 3, None);
        Assert.Equal(claimed.Take(2).Select(j => j.Id).Order(), redriven.Select(j => j.Id).Order());
        Assert.Equal(JobState.Discarded, (await Store.GetAsync(claimed[2].Id, None))!.State);
        Assert.Equal(1, await Store.RetryDiscardedAsync(5, None));
        Assert.Equal(0, await Store.RetryDiscardedAsync(5, None));
    }

    [Fact]
    public async Task Pruning_removes_only_finished_jobs_past_their_retention()
    {
        await Store.SubmitBatchAsync([Submissions.Echo(), Submissions.Echo(), Submissions.Echo()], None);
        var claimed = await Store.ClaimAsync("default", "node-a", 2, None);
        await Store.FinishAsync(new JobOutcome.Completed(claimed[0].Id, "node-a", 1, claimed[0].Epoch, null), None);
        await Store.FinishAsync(new JobOutcome.Discard(claimed[1].Id, "node-a", 1, claimed[1].Epoch, "x"), None);
        Clock.Advance(TimeSpan.FromHours(2));
        var now = Clock.GetUtcNow();

        var pruned = await Store.PruneAsync(completedBefore: now.AddHours(-1), discardedBefore: now.AddHours(-3), max: 100, None);

        Assert.Equal(1, pruned);
        Assert.Null(await Store.GetAsync(claimed[0].Id, None));
        Assert.NotNull(await Store.GetAsync(claimed[1].Id, None));
        var page = await Store.ListAsync(new JobQuery(), None);
        Assert.Equal(2, page.Jobs.Count);
    }

    [Fact]
    public async Task Listing_filters_and_pages_newest_first()
    {
        var ids = (await Store.SubmitBatchAsync(Enumerable.Range(0, 5).Select(_ => Submissions.Echo()).ToList(), None)).Select(r => r.Id).ToList();
        await Store.SubmitAsync(Submissions.Echo(queue: "images"), None);

        var first = await Store.ListAsync(new JobQuery { Queue = "default", Limit = 3 }, None);
        var second = await Store.ListAsync(new JobQuery { Queue = "default", Limit = 3, After = first.Next }, None);

        Assert.Equal([ids[4], ids[3], ids[2]], first.Jobs.Select(j => j.Id));
        Assert.Equal([ids[1], ids[0]], second.Jobs.Select(j => j.Id));
        Assert.Null(second.Next);
        Assert.Single((await Store.ListAsync(new JobQuery { Queue = "images" }, None)).Jobs);
        Assert.Empty((await Store.ListAsync(new JobQuery { State = JobState.Running }, None)).Jobs);
    }

    [Fact]
    public async Task Counts_by_queue_and_state_cover_every_job()
    {
        await Store.SubmitBatchAsync([Submissions.Echo(), Submissions.Echo(), Submissions.Echo(queue: "images")], None);
        await ClaimOneAsync();

        var counts = await Store.CountByQueueAndStateAsync(None);

        Assert.Contains(new QueueStateCount("default", JobState.Available, 1), counts);
        Assert.Contains(new QueueStateCount("default", JobState.Running, 1), counts);
        Assert.Contains(new QueueStateCount("images", JobState.Available, 1), counts);
    }

    [Fact]
    public async Task Watchers_see_every_state_change_after_it_commits()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(), None);
        using var watch = Store.Signals.Watch(submitted.Id);
        var claimed = await ClaimOneAsync();
        await Store.FinishAsync(new JobOutcome.Completed(claimed.Id, "node-a", 1, claimed.Epoch, null), None);

        var seen = new List<JobState>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (seen.Count < 2)
        {
            seen.Add((await watch.Changes.ReadAsync(timeout.Token)).State);
        }
        Assert.Equal([JobState.Running, JobState.Completed], seen);
    }
}
