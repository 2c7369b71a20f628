using ActorQueue.Datasets;
using ActorQueue.Storage;

namespace ActorQueue.Tests.Storage;

/// <summary>
/// What dataset entities write to the ledger: batches of outputs and skipped rows with the progress projection,
/// idempotent by sequence number (a batch written twice, by a restarted entity or a zombie, changes nothing),
/// completion, failure and resumption, and the sweep's list.
/// </summary>
public abstract partial class StoreConformanceTests
{
    private Task<DatasetStatus> RecordAsync(string id, DatasetBatch batch) => Datasets.RecordBatchAsync(id, batch, None);

    private static string Output(long seq, string tag = "r") => $$"""{"{{tag}}":{{seq}}}""";

    /// <summary>Rows after <paramref name="from"/> up to <paramref name="to"/> applied, but for the skipped ones.</summary>
    private static DatasetBatch Processed(long from, long to, string state = "{}", long errorCount = 0, string tag = "r", params long[] skipped) => new()
    {
        FromSeq = from,
        ToSeq = to,
        Results = [.. Seqs(from, to).Where(s => !skipped.Contains(s)).Select(s => new StoredRow(s, Output(s, tag)))],
        Skipped = [.. skipped.Select(s => new DatasetRowError(s, $"row {s} has no amount"))],
        StateJson = state,
        ErrorCount = errorCount + skipped.Length,
    };

    private static IEnumerable<long> Seqs(long from, long to)
    {
        for (var seq = from + 1; seq <= to; seq++)
        {
            yield return seq;
        }
    }

    private async Task<IReadOnlyList<long>> ResultSeqsAsync(string id) => (await Datasets.ReadResultsAsync(id, 0, 1000, None)).Select(r => r.Seq).ToList();

    [Fact]
    public async Task A_batch_stores_its_outputs_in_order_and_moves_the_projection_forward()
    {
        var dataset = await DatasetWithRowsAsync(5);
        Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(DatasetStatus.Open, await RecordAsync(dataset.Id, Processed(0, 3, """{"sum":6}""")));

        var stored = await GetDatasetAsync(dataset.Id);
        Assert.Equal((3L, """{"sum":6}""", DatasetStatus.Open), (stored.RowsProcessed, stored.StateJson, stored.Status));
        Assert.Equal(Clock.GetUtcNow(), stored.UpdatedAt);
        Assert.Equal(DatasetStatus.Open, await RecordAsync(dataset.Id, Processed(3, 5, """{"sum":15}""")));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => new StoredRow(i, Output(i))), await Datasets.ReadResultsAsync(dataset.Id, 0, 100, None));
        Assert.Equal([2L, 3L], (await Datasets.ReadResultsAsync(dataset.Id, 1, 2, None)).Select(r => r.Seq));
        var work = (await Datasets.ReadWorkAsync(dataset.Id, 3, 10, None))!;
        Assert.Equal(new DatasetHead(Processor, ProcessorOptions, RowErrorPolicy.Fail, DatasetStatus.Open, 5), work.Head);
        Assert.Equal([4L, 5L], work.Rows.Select(r => r.Seq));
    }

    [Fact]
    public async Task A_batch_written_again_keeps_the_first_outputs_and_never_moves_the_projection_back()
    {
        var dataset = await DatasetWithRowsAsync(6);
        await RecordAsync(dataset.Id, Processed(0, 3, """{"sum":6}"""));
        await RecordAsync(dataset.Id, Processed(3, 6, """{"sum":21}"""));

        // A zombie (or a restarted entity) writes the first batch again, with other outputs even.
        Assert.Equal(DatasetStatus.Open, await RecordAsync(dataset.Id, Processed(0, 3, """{"sum":-1}""", tag: "zombie")));
        // And the last batch again: the outputs stay, the projection writes what it has.
        Assert.Equal(DatasetStatus.Open, await RecordAsync(dataset.Id, Processed(3, 6, """{"sum":21}""", tag: "zombie")));

        Assert.Equal(Enumerable.Range(1, 6).Select(i => new StoredRow(i, Output(i))), await Datasets.ReadResultsAsync(dataset.Id, 0, 100, None));
        var stored = await GetDatasetAsync(dataset.Id);
        Assert.Equal((6L, """{"sum":21}"""), (stored.RowsProcessed, stored.StateJson));
    }

    [Fact]
    public async Task Recording_the_last_row_of_a_sealed_dataset_completes_it_and_a_late_batch_changes_nothing()
    {
        var dataset = await DatasetWithRowsAsync(3);
        await Datasets.SealDatasetAsync(dataset.Id, None);

        Assert.Equal(DatasetStatus.Sealed, await RecordAsync(dataset.Id, Processed(0, 2)));
        Assert.Equal(DatasetStatus.Completed, await RecordAsync(dataset.Id, Processed(2, 3, """{"done":true}""")));
        Assert.Equal(DatasetStatus.Completed, await RecordAsync(dataset.Id, Processed(0, 2, """{"late":true}""")));

        var stored = await GetDatasetAsync(dataset.Id);
        Assert.Equal((DatasetStatus.Completed, 3L, """{"done":true}"""), (stored.Status, stored.RowsProcessed, stored.StateJson));
        Assert.Empty(await Datasets.ListPendingDatasetsAsync(None));
    }

    [Fact]
    public async Task A_failed_row_stops_the_dataset_until_it_is_resumed_with_another_policy()
    {
        var dataset = await DatasetWithRowsAsync(4);

        var status = await RecordAsync(dataset.Id, Processed(0, 1) with { Failure = new DatasetRowError(2, "row 2 has no amount") });

        Assert.Equal(DatasetStatus.Failed, status);
        var failed = await GetDatasetAsync(dataset.Id);
        Assert.Equal((DatasetStatus.Failed, 1L), (failed.Status, failed.RowsProcessed));
        Assert.Equal(new DatasetRowError(2, "row 2 has no amount"), failed.Failure);
        Assert.Equal([1L], await ResultSeqsAsync(dataset.Id));
        Assert.Empty(await Datasets.ListPendingDatasetsAsync(None));
        // A batch from before the failure, written late, does not undo it.
        Assert.Equal(DatasetStatus.Failed, await RecordAsync(dataset.Id, Processed(0, 1)));

        var resumed = await Datasets.ResumeDatasetAsync(dataset.Id, RowErrorPolicy.Skip, None);

        Assert.Equal((DatasetStatus.Open, RowErrorPolicy.Skip, null), (resumed.Status, resumed.OnError, resumed.Failure));
        Assert.Equal([dataset.Id], await Datasets.ListPendingDatasetsAsync(None));
        var resumedWork = (await Datasets.ReadWorkAsync(dataset.Id, 1, 2, None))!;
        Assert.Equal((RowErrorPolicy.Skip, 2), (resumedWork.Head.OnError, resumedWork.Rows.Count));
        // The failing batch again, applied before the resume and written after it: the policy is "skip" now.
        Assert.Equal(DatasetStatus.Open, await RecordAsync(dataset.Id, Processed(0, 1) with { Failure = new DatasetRowError(2, "row 2 has no amount") }));
        Assert.Equal(DatasetStatus.Open, await RecordAsync(dataset.Id, Processed(1, 4, skipped: 2)));
        Assert.Equal([1L, 3L, 4L], await ResultSeqsAsync(dataset.Id));
    }

    [Fact]
    public async Task A_failed_sealed_dataset_resumes_as_sealed_and_keeps_its_policy_unless_told()
    {
        var dataset = await DatasetWithRowsAsync(2);
        await Datasets.SealDatasetAsync(dataset.Id, None);
        Assert.Equal(DatasetStatus.Failed, await RecordAsync(dataset.Id, Processed(0, 0) with { Failure = new DatasetRowError(1, "bad") }));

        var resumed = await Datasets.ResumeDatasetAsync(dataset.Id, null, None);

        Assert.Equal((DatasetStatus.Sealed, true, RowErrorPolicy.Fail, 0L), (resumed.Status, resumed.Sealed, resumed.OnError, resumed.RowsProcessed));
        Assert.Null(resumed.Failure);
    }

    [Fact]
    public async Task Skipped_rows_are_counted_and_listed_with_the_dataset_in_order_once_each()
    {
        var dataset = await DatasetWithRowsAsync(6, RowErrorPolicy.Skip);

        await RecordAsync(dataset.Id, Processed(0, 3, skipped: 2));
        await RecordAsync(dataset.Id, Processed(3, 6, errorCount: 1, skipped: [4, 6]));
        await RecordAsync(dataset.Id, Processed(3, 6, errorCount: 1, skipped: [4, 6]));

        var stored = await GetDatasetAsync(dataset.Id);
        Assert.Equal((3L, 6L, DatasetStatus.Open), (stored.ErrorCount, stored.RowsProcessed, stored.Status));
        Assert.Equal([2L, 4L, 6L], stored.Errors.Select(e => e.Seq));
        Assert.Equal("row 4 has no amount", stored.Errors[1].Message);
        Assert.Equal([1L, 3L, 5L], await ResultSeqsAsync(dataset.Id));
        Assert.Empty((await Datasets.ListDatasetsAsync(10, None)).Single().Errors);
    }

    [Fact]
    public async Task Failing_a_dataset_stops_it_at_the_row_after_its_checkpoint_with_the_reason()
    {
        var dataset = await DatasetWithRowsAsync(5);
        await RecordAsync(dataset.Id, Processed(0, 2));

        await Datasets.FailDatasetAsync(dataset.Id, "the journal of this dataset cannot be read", None);

        var failed = await GetDatasetAsync(dataset.Id);
        Assert.Equal((DatasetStatus.Failed, new DatasetRowError(3, "the journal of this dataset cannot be read")), (failed.Status, failed.Failure));
        // A completed dataset is not failed after the fact.
        var completed = await DatasetWithRowsAsync(1);
        await Datasets.SealDatasetAsync(completed.Id, None);
        await RecordAsync(completed.Id, Processed(0, 1));
        await Datasets.FailDatasetAsync(completed.Id, "too late", None);
        Assert.Equal(DatasetStatus.Completed, (await GetDatasetAsync(completed.Id)).Status);
    }

    [Fact]
    public async Task The_sweep_lists_the_open_and_sealed_datasets_with_rows_waiting_oldest_first()
    {
        await NewDatasetAsync(name: "empty");
        var pending = await DatasetWithRowsAsync(2);
        var caughtUp = await DatasetWithRowsAsync(1);
        await RecordAsync(caughtUp.Id, Processed(0, 1));
        var sealedPending = await DatasetWithRowsAsync(3);
        await Datasets.SealDatasetAsync(sealedPending.Id, None);
        var failed = await DatasetWithRowsAsync(2);
        await RecordAsync(failed.Id, Processed(0, 0) with { Failure = new DatasetRowError(1, "bad") });

        Assert.Equal([pending.Id, sealedPending.Id], await Datasets.ListPendingDatasetsAsync(None));
        Assert.Null(await Datasets.ReadWorkAsync("01900000-0000-7000-8000-000000000000", 0, 10, None));
        // A failed dataset gives its entity nothing to do, rows or not.
        var stopped = (await Datasets.ReadWorkAsync(failed.Id, 0, 10, None))!;
        Assert.Equal((DatasetStatus.Failed, 0), (stopped.Head.Status, stopped.Rows.Count));
    }

    [Fact]
    public async Task A_batch_of_an_unknown_dataset_is_refused()
    {
        await Assert.ThrowsAsync<DatasetNotFoundException>(() => RecordAsync("01900000-0000-7000-8000-000000000000", Processed(0, 1)));
    }
}
