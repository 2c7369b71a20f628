using ActorQueue.Datasets;
using ActorQueue.Jobs;
using ActorQueue.Storage;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.TestKit;
using static ActorQueue.Tests.TestKit.SignalRecorder;

namespace ActorQueue.Tests.Storage;

/// <summary>
/// The signals each write raises: once, in this process, in the same order and with the same content on
/// every store, and already raised when the write returns (a client that submits and then watches must not
/// miss its own submission). Each assertion runs straight after the write, without waiting.
/// </summary>
public abstract partial class StoreConformanceTests
{
    /// <summary>What a recorder got since the last check: the same list published to the cluster and heard here.</summary>
    private async Task AssertRaisedAsync(SignalRecorder recorder, params string[] expected)
    {
        Assert.Equal(expected, recorder.TakePublished());
        Assert.Equal(expected, recorder.TakeHeard());
    }

    private string Change(string jobId, JobState state, int attempt, string queue = "default") =>
        Changed(new JobChange(jobId, queue, state, attempt, Clock.GetUtcNow()));

    [Fact]
    public async Task Submissions_raise_available_or_schedule_then_each_new_job_before_they_return()
    {
        using var recorder = new SignalRecorder(Store.Signals);

        var now = await Store.SubmitAsync(Submissions.Echo(), None);
        await AssertRaisedAsync(recorder, Available("default"), Change(now.Id, JobState.Available, 0));

        var later = await Store.SubmitAsync(Submissions.Echo(runAt: Clock.GetUtcNow().AddMinutes(5)), None);
        await AssertRaisedAsync(recorder, Schedule, Change(later.Id, JobState.Scheduled, 0));

        var batch = await Store.SubmitBatchAsync(
            [Submissions.Echo(queue: "a"), Submissions.Echo(queue: "b", uniqueKey: "k"), Submissions.Echo(queue: "a")], None);
        await AssertRaisedAsync(recorder,
            Available("a"), Change(batch[0].Id, JobState.Available, 0, "a"),
            Available("b"), Change(batch[1].Id, JobState.Available, 0, "b"),
            Available("a"), Change(batch[2].Id, JobState.Available, 0, "a"));

        // A key already taken: the existing job is answered and nothing changed.
        Assert.True((await Store.SubmitAsync(Submissions.Echo(queue: "b", uniqueKey: "k"), None)).Existing);
        await AssertRaisedAsync(recorder);

        var withBlob = await ((IBlobStore)Store).SubmitWithBlobsAsync(
            Submissions.Echo(queue: "images"), [new IdentifiedBlob(BlobUploads.NewId(Clock.GetUtcNow()), "image/png", new byte[] { 1 })], None);
        await AssertRaisedAsync(recorder, Available("images"), Change(withBlob.Id, JobState.Available, 0, "images"));
    }

    [Fact]
    public async Task Outcomes_raise_their_signals_in_the_order_given_then_the_claim_its_own()
    {
        var completing = await Store.SubmitAsync(Submissions.Echo(), None);
        var retrying = await Store.SubmitAsync(Submissions.Echo(), None);
        var releasing = await Store.SubmitAsync(Submissions.Echo(), None);
        using var recorder = new SignalRecorder(Store.Signals);

        var claimed = await Store.ClaimAsync("default", "node-a", 3, None);
        Assert.Equal([completing.Id, retrying.Id, releasing.Id], claimed.Select(c => c.Id));
        await AssertRaisedAsync(recorder, claimed.Select(c => Change(c.Id, JobState.Running, 1)).ToArray());
        var next = await Store.SubmitAsync(Submissions.Echo(priority: 5), None);
        recorder.TakePublished();
        recorder.TakeHeard();
        Clock.Advance(TimeSpan.FromSeconds(2));

        var result = await Store.FinishManyAsync(
        [
            new JobOutcome.Completed(completing.Id, "node-a", 1, claimed[0].Epoch, "{}") { RowKey = claimed[0].RowKey },
            new JobOutcome.Retry(retrying.Id, "node-a", 1, claimed[1].Epoch, "boom", Clock.GetUtcNow().AddMinutes(1)) { Queue = "default" },
            new JobOutcome.Released(releasing.Id, "node-a", 1, claimed[2].Epoch),
        ], new ClaimRequest("default", "node-a", 1), None);

        Assert.Equal([true, true, true], result.Applied);
        Assert.Equal(next.Id, Assert.Single(result.Claimed).Id);
        await AssertRaisedAsync(recorder,
            Change(completing.Id, JobState.Completed, 1),
            Schedule, Change(retrying.Id, JobState.Retryable, 1),
            Available("default"), Change(releasing.Id, JobState.Available, 0),
            Change(next.Id, JobState.Running, 1));

        // A stale outcome changes nothing, so it raises nothing.
        Assert.False(await Store.FinishAsync(new JobOutcome.Completed(completing.Id, "node-a", 1, claimed[0].Epoch, "{}"), None));
        await AssertRaisedAsync(recorder);
    }

    [Fact]
    public async Task Cancels_and_redrives_raise_their_signals()
    {
        var running = await Store.SubmitAsync(Submissions.Echo(maxAttempts: 1), None);
        var images = await Store.SubmitAsync(Submissions.Echo(queue: "images", maxAttempts: 1), None);
        var claimed = await ClaimOneAsync();
        var image = await ClaimOneAsync(queue: "images");
        var waiting = await Store.SubmitAsync(Submissions.Echo(), None);
        using var recorder = new SignalRecorder(Store.Signals);

        await Store.CancelAsync(waiting.Id, None);
        await AssertRaisedAsync(recorder, Change(waiting.Id, JobState.Cancelled, 0));

        await Store.CancelAsync(running.Id, None);
        await AssertRaisedAsync(recorder, Cancel(running.Id));

        await Store.CancelAsync(waiting.Id, None); // already final
        await AssertRaisedAsync(recorder);

        await Store.RetryAsync(waiting.Id, None);
        await AssertRaisedAsync(recorder, Available("default"), Change(waiting.Id, JobState.Available, 0));

        await Store.FinishAsync(new JobOutcome.Discard(claimed.Id, "node-a", 1, claimed.Epoch, "bad input"), None);
        await Store.FinishAsync(new JobOutcome.Discard(image.Id, "node-a", 1, image.Epoch, "bad input"), None);
        recorder.TakePublished();
        recorder.TakeHeard();

        Assert.Equal(2, await Store.RetryAllDiscardedAsync(None));

        // Each queue once, then each job (its attempts start again: attempt 0); the order of the jobs is the database's.
        var published = recorder.TakePublished();
        Assert.Equal([Available("default"), Available("images")], published.Take(2).Order(StringComparer.Ordinal));
        Assert.Equal(
            new[] { Change(running.Id, JobState.Available, 0), Change(images.Id, JobState.Available, 0, "images") }.Order(StringComparer.Ordinal),
            published.Skip(2).Order(StringComparer.Ordinal));
        Assert.Equal(published, recorder.TakeHeard());
    }

    [Fact]
    public async Task Rescues_promotions_and_fences_raise_available_then_each_job()
    {
        var lapsed = await Store.SubmitAsync(Submissions.Echo(queue: "r"), None);
        var due = await Store.SubmitAsync(Submissions.Echo(queue: "p", runAt: Clock.GetUtcNow().AddMinutes(1)), None);
        var fenced = await Store.SubmitAsync(Submissions.Echo(queue: "f"), None);
        await ClaimOneAsync("node-a", "r");
        using var recorder = new SignalRecorder(Store.Signals);

        Assert.Equal(0, await Store.RescueAsync(None));
        Assert.Equal(0, await Store.PromoteDueAsync(None));
        await AssertRaisedAsync(recorder);

        Clock.Advance(Lease + TimeSpan.FromSeconds(31));
        Assert.Equal(1, await Store.RescueAsync(None));
        await AssertRaisedAsync(recorder, Available("r"), Change(lapsed.Id, JobState.Available, 1, "r"));

        Assert.Equal(1, await Store.PromoteDueAsync(None));
        await AssertRaisedAsync(recorder, Available("p"), Change(due.Id, JobState.Available, 0, "p"));

        await ClaimOneAsync("node-b", "f");
        recorder.TakePublished();
        recorder.TakeHeard();
        Assert.Equal(1, await Store.FenceNodeAsync("node-b", "downed", None));
        await AssertRaisedAsync(recorder, Available("f"), Change(fenced.Id, JobState.Available, 1, "f"));

        // Refused claims and pruning change no job that anyone waits for.
        await Assert.ThrowsAsync<NodeFencedException>(() => Store.ClaimAsync("f", "node-b", 1, None));
        await Store.PruneAsync(Clock.GetUtcNow(), Clock.GetUtcNow(), 100, None);
        await AssertRaisedAsync(recorder);
    }

    [Fact]
    public async Task Dataset_writes_report_progress_to_the_seed_once_a_batch_or_a_failure_changes_what_a_reader_sees()
    {
        using var recorder = new SignalRecorder(Store.Signals);
        var dataset = await NewDatasetAsync();
        await AssertRaisedAsync(recorder);

        // Rows, resumes and seals give the entity work: the seed nudges it itself (DatasetNudges), no signal needed.
        await Datasets.AppendRowsAsync(dataset.Id, null, Rows(1, 3), None);
        await AssertRaisedAsync(recorder);

        await Datasets.AppendRowsAsync(dataset.Id, 1, Rows(1, 3), None); // a resent chunk: nothing new
        await AssertRaisedAsync(recorder);

        await Datasets.ReadWorkAsync(dataset.Id, 0, 10, None);
        await AssertRaisedAsync(recorder);

        await RecordAsync(dataset.Id, Processed(0, 2));
        await AssertRaisedAsync(recorder, Progress(dataset.Id));

        await RecordAsync(dataset.Id, Processed(2, 2) with { Failure = new DatasetRowError(3, "row 3 has no amount") });
        await AssertRaisedAsync(recorder, Progress(dataset.Id));

        await Datasets.ResumeDatasetAsync(dataset.Id, RowErrorPolicy.Skip, None);
        await AssertRaisedAsync(recorder);

        await Datasets.FailDatasetAsync(dataset.Id, "the journal of this dataset cannot be read", None);
        await AssertRaisedAsync(recorder, Progress(dataset.Id));
        await Datasets.FailDatasetAsync(dataset.Id, "failed already: nothing changes", None);
        await AssertRaisedAsync(recorder);

        await Datasets.ResumeDatasetAsync(dataset.Id, null, None);
        await AssertRaisedAsync(recorder);

        await Datasets.SealDatasetAsync(dataset.Id, None);
        await AssertRaisedAsync(recorder, Progress(dataset.Id));
    }
}
