using ActorQueue.Datasets;
using ActorQueue.Storage;

namespace ActorQueue.Tests.Storage;

/// <summary>Dataset leases with epoch fencing, fenced batch commits, completion, failure and resumption.</summary>
public abstract partial class StoreConformanceTests
{
    private async Task<DatasetLease> AcquireAsync(string id, string owner = "node-a") =>
        await Datasets.TryAcquireDatasetAsync(id, owner, Lease, None) ?? throw new Xunit.Sdk.XunitException($"{owner} could not lease dataset {id}");

    private Task<DatasetStatus> CommitAsync(DatasetLease lease, DatasetBatch batch) => Datasets.CommitDatasetBatchAsync(lease, batch, Lease, None);

    private static string Output(long seq) => $$"""{"r":{{seq}}}""";

    /// <summary>Rows after <paramref name="from"/> up to <paramref name="to"/> applied, but for the skipped ones.</summary>
    private static DatasetBatch Processed(long from, long to, string state = "{}", params long[] skipped) => new()
    {
        FromSeq = from,
        ToSeq = to,
        Results = [.. Seqs(from, to).Where(s => !skipped.Contains(s)).Select(s => new StoredRow(s, Output(s)))],
        Skipped = [.. skipped.Select(s => new DatasetRowError(s, $"row {s} has no amount"))],
        StateJson = state,
    };

    private static IEnumerable<long> Seqs(long from, long to)
    {
        for (var seq = from + 1; seq <= to; seq++)
        {
            yield return seq;
        }
    }

    /// <summary>A dataset with rows that node-a leased until the lease expired, and node-b then took.</summary>
    private async Task<(DatasetInfo Dataset, DatasetLease Expired, DatasetLease Current)> TakenOverAsync(int rows)
    {
        var dataset = await DatasetWithRowsAsync(rows);
        var expired = await AcquireAsync(dataset.Id, "node-a");
        Clock.Advance(Lease);
        return (dataset, expired, await AcquireAsync(dataset.Id, "node-b"));
    }

    /// <summary>One new dataset (with one row) per owner given, each leased to its owner.</summary>
    private async Task<DatasetLease[]> LeasedAsync(params string[] owners)
    {
        var leases = new DatasetLease[owners.Length];
        for (var i = 0; i < owners.Length; i++)
        {
            leases[i] = await AcquireAsync((await DatasetWithRowsAsync(1)).Id, owners[i]);
        }
        return leases;
    }

    private async Task<IReadOnlyList<long>> ResultSeqsAsync(string id) => (await Datasets.ReadResultsAsync(id, 0, 1000, None)).Select(r => r.Seq).ToList();

    [Fact]
    public async Task A_free_dataset_is_leased_to_one_member_at_a_time_with_what_it_needs_to_recover()
    {
        var dataset = await DatasetWithRowsAsync(2, RowErrorPolicy.Skip);

        var lease = await AcquireAsync(dataset.Id, "node-a");

        Assert.Equal(("node-a", 1L, 0L, null), (lease.Owner, lease.Epoch, lease.Checkpoint, lease.StateJson));
        Assert.Equal((Processor, ProcessorOptions, RowErrorPolicy.Skip), (lease.Processor, lease.OptionsJson, lease.OnError));
        Assert.Null(await Datasets.TryAcquireDatasetAsync(dataset.Id, "node-b", Lease, None));
        Assert.Equal(("node-a", 1L), ((await GetDatasetAsync(dataset.Id)).Owner, (await GetDatasetAsync(dataset.Id)).Epoch));

        // A renewed lease stays ours past its first expiry.
        Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.True(await Datasets.RenewDatasetLeaseAsync(lease, Lease, None));
        Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await Datasets.TryAcquireDatasetAsync(dataset.Id, "node-b", Lease, None));
    }

    [Fact]
    public async Task An_expired_dataset_lease_is_taken_over_with_the_next_epoch_and_the_old_owner_can_no_longer_renew()
    {
        var (dataset, old, taken) = await TakenOverAsync(rows: 2);

        Assert.Equal(("node-b", 2L), (taken.Owner, taken.Epoch));
        Assert.False(await Datasets.RenewDatasetLeaseAsync(old, Lease, None));
        Assert.True(await Datasets.RenewDatasetLeaseAsync(taken, Lease, None));
        var stored = await GetDatasetAsync(dataset.Id);
        Assert.Equal(("node-b", 2L), (stored.Owner, stored.Epoch));
    }

    [Fact]
    public async Task Acquiring_a_dataset_lease_again_bumps_the_epoch_and_fences_the_earlier_holder()
    {
        var dataset = await DatasetWithRowsAsync(2);
        var first = await AcquireAsync(dataset.Id, "node-a");

        var second = await AcquireAsync(dataset.Id, "node-a");

        Assert.Equal(2, second.Epoch);
        Assert.False(await Datasets.RenewDatasetLeaseAsync(first, Lease, None));
        await Assert.ThrowsAsync<DatasetLeaseLostException>(() => CommitAsync(first, Processed(0, 2)));
    }

    [Fact]
    public async Task A_zombie_dataset_commit_from_an_old_epoch_is_refused_and_writes_nothing()
    {
        var (dataset, zombie, owner) = await TakenOverAsync(rows: 3);

        var refused = await Assert.ThrowsAsync<DatasetLeaseLostException>(() => CommitAsync(zombie, Processed(0, 3, """{"zombie":true}""", skipped: 2)));

        Assert.Contains("epoch 1", refused.Message, StringComparison.Ordinal);
        var stored = await GetDatasetAsync(dataset.Id);
        Assert.Equal((0L, null, 0L, DatasetStatus.Open), (stored.RowsProcessed, stored.StateJson, stored.ErrorCount, stored.Status));
        Assert.Empty(stored.Errors);
        Assert.Empty(await ResultSeqsAsync(dataset.Id));
        Assert.Equal(("node-b", 2L), (stored.Owner, stored.Epoch));

        Assert.Equal(DatasetStatus.Open, await CommitAsync(owner, Processed(0, 3, """{"owner":"b"}""")));
        Assert.Equal([1L, 2L, 3L], await ResultSeqsAsync(dataset.Id));
    }

    [Fact]
    public async Task A_dataset_batch_that_does_not_start_at_the_checkpoint_is_refused()
    {
        var dataset = await DatasetWithRowsAsync(4);
        var lease = await AcquireAsync(dataset.Id);
        await CommitAsync(lease, Processed(0, 2, """{"sum":3}"""));

        // The same batch again (a retried commit) and a batch from beyond the checkpoint.
        await Assert.ThrowsAsync<DatasetLeaseLostException>(() => CommitAsync(lease, Processed(0, 2, """{"sum":6}""")));
        await Assert.ThrowsAsync<DatasetLeaseLostException>(() => CommitAsync(lease, Processed(3, 4, """{"sum":9}""")));

        var stored = await GetDatasetAsync(dataset.Id);
        Assert.Equal((2L, """{"sum":3}"""), (stored.RowsProcessed, stored.StateJson));
        Assert.Equal([1L, 2L], await ResultSeqsAsync(dataset.Id));
    }

    [Fact]
    public async Task A_committed_dataset_batch_advances_the_checkpoint_stores_the_state_journals_the_results_and_renews_the_lease()
    {
        var dataset = await DatasetWithRowsAsync(5);
        var lease = await AcquireAsync(dataset.Id, "node-a");
        Clock.Advance(Lease - TimeSpan.FromSeconds(1));

        Assert.Equal(DatasetStatus.Open, await CommitAsync(lease, Processed(0, 3, """{"sum":6}""")));

        var stored = await GetDatasetAsync(dataset.Id);
        Assert.Equal((3L, """{"sum":6}""", DatasetStatus.Open), (stored.RowsProcessed, stored.StateJson, stored.Status));
        Assert.Equal(Clock.GetUtcNow(), stored.UpdatedAt);
        Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Null(await Datasets.TryAcquireDatasetAsync(dataset.Id, "node-b", Lease, None));

        Assert.Equal(DatasetStatus.Open, await CommitAsync(lease, Processed(3, 5, """{"sum":15}""")));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => new StoredRow(i, Output(i))), await Datasets.ReadResultsAsync(dataset.Id, 0, 100, None));
        Assert.Equal([2L, 3L], (await Datasets.ReadResultsAsync(dataset.Id, 1, 2, None)).Select(r => r.Seq));

        // The next owner recovers from the snapshot at the checkpoint.
        await Datasets.ReleaseDatasetLeaseAsync(lease, None);
        await Datasets.AppendRowsAsync(dataset.Id, null, Rows(6, 1), None);
        var next = await AcquireAsync(dataset.Id, "node-b");
        Assert.Equal((5L, """{"sum":15}""", 2L), (next.Checkpoint, next.StateJson, next.Epoch));
    }

    [Fact]
    public async Task Committing_the_last_row_of_a_sealed_dataset_completes_it_and_ends_the_lease()
    {
        var dataset = await DatasetWithRowsAsync(3);
        var lease = await AcquireAsync(dataset.Id, "node-a");
        await Datasets.SealDatasetAsync(dataset.Id, None);

        Assert.Equal(DatasetStatus.Sealed, await CommitAsync(lease, Processed(0, 2)));
        Assert.Equal(DatasetStatus.Completed, await CommitAsync(lease, Processed(2, 3)));

        var stored = await GetDatasetAsync(dataset.Id);
        Assert.Equal((DatasetStatus.Completed, null, 3L), (stored.Status, stored.Owner, stored.RowsProcessed));
        Assert.False(await Datasets.RenewDatasetLeaseAsync(lease, Lease, None));
        Assert.Null(await Datasets.TryAcquireDatasetAsync(dataset.Id, "node-b", Lease, None));
        Assert.Empty(await Datasets.CountDatasetsByOwnerAsync(None));
        Assert.Empty(await Datasets.ListDatasetWorkAsync(None));
    }

    [Fact]
    public async Task A_failed_row_stops_the_dataset_until_it_is_resumed_with_another_policy()
    {
        var dataset = await DatasetWithRowsAsync(4);
        var lease = await AcquireAsync(dataset.Id, "node-a");

        var status = await CommitAsync(lease, Processed(0, 1) with { Failure = new DatasetRowError(2, "row 2 has no amount") });

        Assert.Equal(DatasetStatus.Failed, status);
        var failed = await GetDatasetAsync(dataset.Id);
        Assert.Equal((DatasetStatus.Failed, 1L, null), (failed.Status, failed.RowsProcessed, failed.Owner));
        Assert.Equal(new DatasetRowError(2, "row 2 has no amount"), failed.Failure);
        Assert.Equal([1L], await ResultSeqsAsync(dataset.Id));
        Assert.Null(await Datasets.TryAcquireDatasetAsync(dataset.Id, "node-b", Lease, None));
        Assert.Empty(await Datasets.ListDatasetWorkAsync(None));

        var resumed = await Datasets.ResumeDatasetAsync(dataset.Id, RowErrorPolicy.Skip, None);

        Assert.Equal((DatasetStatus.Open, RowErrorPolicy.Skip, null), (resumed.Status, resumed.OnError, resumed.Failure));
        Assert.Equal([new DatasetWork(dataset.Id, Processor, null, true)], await Datasets.ListDatasetWorkAsync(None));
        var next = await AcquireAsync(dataset.Id, "node-b");
        Assert.Equal((1L, RowErrorPolicy.Skip, 2L), (next.Checkpoint, next.OnError, next.Epoch));
    }

    [Fact]
    public async Task A_failed_sealed_dataset_resumes_as_sealed_and_keeps_its_policy_unless_told()
    {
        var dataset = await DatasetWithRowsAsync(2);
        await Datasets.SealDatasetAsync(dataset.Id, None);
        var lease = await AcquireAsync(dataset.Id);
        Assert.Equal(DatasetStatus.Failed, await CommitAsync(lease, Processed(0, 0) with { Failure = new DatasetRowError(1, "bad") }));

        var resumed = await Datasets.ResumeDatasetAsync(dataset.Id, null, None);

        Assert.Equal((DatasetStatus.Sealed, true, RowErrorPolicy.Fail, 0L), (resumed.Status, resumed.Sealed, resumed.OnError, resumed.RowsProcessed));
        Assert.Null(resumed.Failure);
    }

    [Fact]
    public async Task Skipped_rows_are_counted_and_listed_with_the_dataset_in_order()
    {
        var dataset = await DatasetWithRowsAsync(6, RowErrorPolicy.Skip);
        var lease = await AcquireAsync(dataset.Id);

        await CommitAsync(lease, Processed(0, 3, skipped: 2));
        await CommitAsync(lease, Processed(3, 6, skipped: [4, 6]));

        var stored = await GetDatasetAsync(dataset.Id);
        Assert.Equal((3L, 6L, DatasetStatus.Open), (stored.ErrorCount, stored.RowsProcessed, stored.Status));
        Assert.Equal([2L, 4L, 6L], stored.Errors.Select(e => e.Seq));
        Assert.Equal("row 4 has no amount", stored.Errors[1].Message);
        Assert.Equal([1L, 3L, 5L], await ResultSeqsAsync(dataset.Id));
        Assert.Empty((await Datasets.ListDatasetsAsync(10, None)).Single().Errors);
    }

    [Fact]
    public async Task A_released_dataset_lease_can_be_taken_at_once_and_a_stale_release_changes_nothing()
    {
        var dataset = await DatasetWithRowsAsync(2);
        var first = await AcquireAsync(dataset.Id, "node-a");

        await Datasets.ReleaseDatasetLeaseAsync(first, None);

        Assert.Null((await GetDatasetAsync(dataset.Id)).Owner);
        Assert.False(await Datasets.RenewDatasetLeaseAsync(first, Lease, None));
        var second = await AcquireAsync(dataset.Id, "node-b");
        Assert.Equal(2, second.Epoch);
        await Datasets.ReleaseDatasetLeaseAsync(first, None);
        Assert.Equal("node-b", (await GetDatasetAsync(dataset.Id)).Owner);
        Assert.True(await Datasets.RenewDatasetLeaseAsync(second, Lease, None));
    }

    [Fact]
    public async Task Releasing_the_leases_of_a_member_frees_its_datasets_only()
    {
        var leases = await LeasedAsync("node-a", "node-a", "node-b");

        Assert.Equal(2, await Datasets.ReleaseDatasetLeasesOfAsync("node-a", None));

        Assert.Equal(new Dictionary<string, int> { ["node-b"] = 1 }, await Datasets.CountDatasetsByOwnerAsync(None));
        Assert.Equal(2, (await AcquireAsync(leases[0].DatasetId, "node-c")).Epoch);
        Assert.Null(await Datasets.TryAcquireDatasetAsync(leases[2].DatasetId, "node-c", Lease, None));
        Assert.Equal(0, await Datasets.ReleaseDatasetLeasesOfAsync("node-a", None));
    }

    [Fact]
    public async Task Live_dataset_leases_are_counted_per_member_and_expired_ones_are_not()
    {
        var leases = await LeasedAsync("node-a", "node-a", "node-b");

        Assert.Equal(new Dictionary<string, int> { ["node-a"] = 2, ["node-b"] = 1 }, await Datasets.CountDatasetsByOwnerAsync(None));
        Clock.Advance(Lease / 2);
        Assert.True(await Datasets.RenewDatasetLeaseAsync(leases[2], Lease, None));
        Clock.Advance(Lease / 2);
        Assert.Equal(new Dictionary<string, int> { ["node-b"] = 1 }, await Datasets.CountDatasetsByOwnerAsync(None));
        Assert.Null((await GetDatasetAsync(leases[0].DatasetId)).Owner);
    }

    [Fact]
    public async Task The_work_list_has_the_open_datasets_with_rows_to_process_or_a_live_lease()
    {
        await NewDatasetAsync(name: "empty");
        var pending = await DatasetWithRowsAsync(2);
        var caughtUp = await DatasetWithRowsAsync(1);
        var lease = await AcquireAsync(caughtUp.Id, "node-a");
        await CommitAsync(lease, Processed(0, 1));
        var completed = await DatasetWithRowsAsync(1);
        await CommitAsync(await AcquireAsync(completed.Id, "node-b"), Processed(0, 1));
        await Datasets.SealDatasetAsync(completed.Id, None);

        Assert.Equal(
            [new DatasetWork(pending.Id, Processor, null, true), new DatasetWork(caughtUp.Id, Processor, "node-a", false)],
            await Datasets.ListDatasetWorkAsync(None));

        // Caught up and no longer owned: nothing to do there.
        Clock.Advance(Lease);
        Assert.Equal([new DatasetWork(pending.Id, Processor, null, true)], await Datasets.ListDatasetWorkAsync(None));
    }
}
