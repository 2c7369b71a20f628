using ActorQueue.Jobs;
using ActorQueue.Storage;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Storage;

/// <summary>Blobs: stored with their job, pruned with it; abandoned uploads go after an hour.</summary>
public abstract partial class StoreConformanceTests
{
    private IBlobStore Blobs => Assert.IsAssignableFrom<IBlobStore>(Store);

    private async Task<string> PutAsync(byte[] data, string? jobId = null, string contentType = "image/png") =>
        (await Blobs.PutBlobsAsync([new BlobUpload(contentType, data, jobId)], None))[0];

    [Fact]
    public async Task A_stored_blob_comes_back_byte_for_byte_with_its_content_type()
    {
        var data = new byte[300_000];
        Random.Shared.NextBytes(data);

        var id = await PutAsync(data, contentType: "image/webp");

        var blob = await Blobs.GetBlobAsync(id, None);
        Assert.NotNull(blob);
        Assert.Equal(data, blob.Data);
        Assert.Equal("image/webp", blob.ContentType);
        Assert.Null(blob.JobId);
        Assert.Equal(Clock.GetUtcNow(), blob.CreatedAt);
        Assert.True(Guid.TryParse(id, out var guid) && guid.Version == 7, "blob ids are UUIDv7");
    }

    [Fact]
    public async Task Several_blobs_are_stored_at_once_in_order()
    {
        var job = await Store.SubmitAsync(Submissions.Echo(), None);

        var ids = await Blobs.PutBlobsAsync([new BlobUpload("image/jpeg", new byte[] { 1 }, job.Id), new BlobUpload("image/png", new byte[] { 2, 2 }, job.Id)], None);

        Assert.Equal(2, ids.Distinct().Count());
        Assert.Equal([1], (await Blobs.GetBlobAsync(ids[0], None))!.Data);
        Assert.Equal((job.Id, "image/png"), ((await Blobs.GetBlobAsync(ids[1], None))!.JobId, (await Blobs.GetBlobAsync(ids[1], None))!.ContentType));
    }

    [Fact]
    public async Task A_job_submitted_with_its_blobs_owns_them_from_the_start()
    {
        var id = BlobUploads.NewId(Clock.GetUtcNow());
        var data = new byte[200_000];
        Random.Shared.NextBytes(data);

        var job = await Blobs.SubmitWithBlobsAsync(Submissions.Echo(), [new IdentifiedBlob(id, "image/jpeg", data)], None);

        var blob = await Blobs.GetBlobAsync(id, None);
        Assert.False(job.Existing);
        Assert.Equal((job.Id, "image/jpeg"), (blob?.JobId, blob?.ContentType));
        Assert.Equal(data, blob!.Data);
        Assert.Equal(JobState.Available, (await Store.GetAsync(job.Id, None))!.State);
    }

    [Fact]
    public async Task An_input_submitted_with_its_job_reads_back_the_same_every_time()
    {
        // The first read may be answered from memory (the seed's own node), the next ones from the database.
        var id = BlobUploads.NewId(Clock.GetUtcNow());
        var data = new byte[300_000];
        Random.Shared.NextBytes(data);
        var job = await Blobs.SubmitWithBlobsAsync(Submissions.Echo(), [new IdentifiedBlob(id, "image/jpeg", data)], None);

        var first = await Blobs.GetBlobAsync(id, None);
        var second = await Blobs.GetBlobAsync(id, None);

        Assert.Equal((id, "image/jpeg", job.Id, Clock.GetUtcNow()), (first!.Id, first.ContentType, first.JobId, first.CreatedAt));
        Assert.Equal((id, "image/jpeg", job.Id, Clock.GetUtcNow()), (second!.Id, second.ContentType, second.JobId, second.CreatedAt));
        Assert.Equal(data, first.Data);
        Assert.Equal(data, second.Data);
    }

    [Fact]
    public async Task An_input_never_read_is_gone_once_its_job_is_pruned()
    {
        var id = BlobUploads.NewId(Clock.GetUtcNow());
        var job = await Blobs.SubmitWithBlobsAsync(Submissions.Echo(), [new IdentifiedBlob(id, "image/jpeg", new byte[] { 1, 2, 3 })], None);
        var claimed = await ClaimOneAsync();
        Assert.Equal(job.Id, claimed.Id);
        await Store.FinishAsync(new JobOutcome.Completed(claimed.Id, "node-a", 1, claimed.Epoch, null), None);
        Clock.Advance(TimeSpan.FromSeconds(1)); // a retention of under a second: pruned while a copy may still be in memory
        var now = Clock.GetUtcNow();

        Assert.Equal(1, await Store.PruneAsync(completedBefore: now, discardedBefore: now, max: 100, None));

        Assert.Null(await Blobs.GetBlobAsync(id, None));
    }

    [Fact]
    public async Task A_submission_with_blobs_whose_unique_key_is_taken_answers_the_existing_job_and_stores_nothing()
    {
        var first = await Store.SubmitAsync(Submissions.Echo() with { UniqueKey = "photo-1" }, None);
        var id = BlobUploads.NewId(Clock.GetUtcNow());

        var again = await Blobs.SubmitWithBlobsAsync(Submissions.Echo() with { UniqueKey = "photo-1" }, [new IdentifiedBlob(id, "image/png", new byte[] { 1, 2, 3 })], None);

        Assert.Equal((first.Id, true), (again.Id, again.Existing));
        Assert.Null(await Blobs.GetBlobAsync(id, None));
    }

    [Fact]
    public async Task An_unknown_blob_is_null()
    {
        Assert.Null(await Blobs.GetBlobAsync("01a20221-105e-7091-a66e-80426260e5f2", None));
    }

    [Fact]
    public async Task Blobs_over_the_store_limit_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => PutAsync(new byte[IBlobStore.MaxBlobBytes + 1]));
    }

    [Fact]
    public async Task An_upload_is_given_to_its_job_once_and_only_while_unowned()
    {
        var first = await Store.SubmitAsync(Submissions.Echo(), None);
        var second = await Store.SubmitAsync(Submissions.Echo(), None);
        var id = await PutAsync([7]);

        Assert.Equal(1, await Blobs.AttachBlobsAsync([id], first.Id, None));
        Assert.Equal(0, await Blobs.AttachBlobsAsync([id], second.Id, None));

        Assert.Equal(first.Id, (await Blobs.GetBlobAsync(id, None))!.JobId);
    }

    [Fact]
    public async Task Pruning_a_job_deletes_its_blobs_and_only_its_blobs()
    {
        var pruned = await Store.SubmitAsync(Submissions.Echo(), None);
        var kept = await Store.SubmitAsync(Submissions.Echo(), None);
        var input = await PutAsync([1]);
        await Blobs.AttachBlobsAsync([input], pruned.Id, None);
        var output = await PutAsync([2], pruned.Id);
        var other = await PutAsync([3], kept.Id);
        var claimed = await ClaimOneAsync();
        Assert.Equal(pruned.Id, claimed.Id);
        await Store.FinishAsync(new JobOutcome.Completed(claimed.Id, "node-a", 1, claimed.Epoch, null), None);
        Clock.Advance(TimeSpan.FromHours(2));
        var now = Clock.GetUtcNow();

        Assert.Equal(1, await Store.PruneAsync(completedBefore: now.AddHours(-1), discardedBefore: now.AddHours(-1), max: 100, None));

        Assert.Null(await Blobs.GetBlobAsync(input, None));
        Assert.Null(await Blobs.GetBlobAsync(output, None));
        Assert.NotNull(await Blobs.GetBlobAsync(other, None));
    }

    [Fact]
    public async Task An_upload_never_given_to_a_job_is_deleted_by_a_later_upload_after_an_hour()
    {
        var job = await Store.SubmitAsync(Submissions.Echo(), None);
        var abandoned = await PutAsync([1]);
        var owned = await PutAsync([2], job.Id);
        Clock.Advance(IBlobStore.UnownedRetention - TimeSpan.FromMinutes(1));
        var recent = await PutAsync([3]);
        Assert.NotNull(await Blobs.GetBlobAsync(abandoned, None));

        Clock.Advance(TimeSpan.FromMinutes(2));
        await PutAsync([4]);

        Assert.Null(await Blobs.GetBlobAsync(abandoned, None));
        Assert.NotNull(await Blobs.GetBlobAsync(recent, None));
        Assert.NotNull(await Blobs.GetBlobAsync(owned, None));
    }
}
