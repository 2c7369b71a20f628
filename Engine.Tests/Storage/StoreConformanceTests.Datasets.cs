using ActorQueue.Datasets;
using ActorQueue.Storage;

namespace ActorQueue.Tests.Storage;

/// <summary>Datasets in the store: creation, ingestion with gapless sequence numbers, resumed uploads, sealing.</summary>
public abstract partial class StoreConformanceTests
{
    private const string Processor = "running-stats";
    private const string ProcessorOptions = """{"keyColumn":"region","valueColumns":["amount"]}""";

    private IDatasetStore Datasets => (IDatasetStore)Store;

    private async Task<DatasetInfo> NewDatasetAsync(RowErrorPolicy onError = RowErrorPolicy.Fail, string name = "sales") =>
        await Datasets.CreateDatasetAsync(new NewDataset(name, Processor, ProcessorOptions, onError), None);

    /// <summary>A new dataset with rows 1..<paramref name="rows"/>.</summary>
    private async Task<DatasetInfo> DatasetWithRowsAsync(int rows, RowErrorPolicy onError = RowErrorPolicy.Fail)
    {
        var dataset = await NewDatasetAsync(onError);
        await Datasets.AppendRowsAsync(dataset.Id, null, Rows(1, rows), None);
        return dataset;
    }

    private async Task<DatasetInfo> GetDatasetAsync(string id) =>
        await Datasets.GetDatasetAsync(id, None) ?? throw new Xunit.Sdk.XunitException($"dataset {id} is missing");

    private static string[] Rows(int first, int count, string tag = "n") =>
        Enumerable.Range(first, count).Select(i => $$"""{"{{tag}}":{{i}}}""").ToArray();

    private async Task<IReadOnlyList<long>> RowSeqsAsync(string id) => (await Datasets.ReadRowsAsync(id, 0, 1000, None)).Select(r => r.Seq).ToList();

    [Fact]
    public async Task A_new_dataset_is_open_and_empty_with_every_field_kept()
    {
        var created = await NewDatasetAsync(RowErrorPolicy.Skip);

        var dataset = await GetDatasetAsync(created.Id);
        Assert.Equal(created.Id, dataset.Id);
        Assert.Equal(("sales", Processor, ProcessorOptions, RowErrorPolicy.Skip), (dataset.Name, dataset.Processor, dataset.OptionsJson, dataset.OnError));
        Assert.Equal((DatasetStatus.Open, false, 0L, 0L), (dataset.Status, dataset.Sealed, dataset.RowsReceived, dataset.RowsProcessed));
        Assert.Equal((null, null, 0L), (dataset.StateJson, dataset.Failure, dataset.ErrorCount));
        Assert.Empty(dataset.Errors);
        Assert.Equal((Clock.GetUtcNow(), Clock.GetUtcNow()), (dataset.CreatedAt, dataset.UpdatedAt));
        Assert.Equal((created.Name, created.Status, created.CreatedAt), (dataset.Name, dataset.Status, dataset.CreatedAt));
        Assert.True(Guid.TryParse(dataset.Id, out var guid) && guid.Version == 7, "ids are UUIDv7");
    }

    [Fact]
    public async Task An_unknown_dataset_is_absent_and_cannot_be_written()
    {
        const string Unknown = "01900000-0000-7000-8000-000000000000";

        Assert.Null(await Datasets.GetDatasetAsync(Unknown, None));
        Assert.Empty(await Datasets.ReadRowsAsync(Unknown, 0, 10, None));
        Assert.Empty(await Datasets.ReadResultsAsync(Unknown, 0, 10, None));
        await Assert.ThrowsAsync<DatasetNotFoundException>(() => Datasets.AppendRowsAsync(Unknown, null, Rows(1, 1), None));
        await Assert.ThrowsAsync<DatasetNotFoundException>(() => Datasets.SealDatasetAsync(Unknown, None));
        await Assert.ThrowsAsync<DatasetNotFoundException>(() => Datasets.ResumeDatasetAsync(Unknown, null, None));
        Assert.Null(await Datasets.ReadWorkAsync(Unknown, 0, 10, None));
    }

    [Fact]
    public async Task Datasets_are_listed_newest_first_up_to_the_limit_without_their_state()
    {
        var oldest = await DatasetWithRowsAsync(1);
        await RecordAsync(oldest.Id, Processed(0, 1, state: """{"sum":1}"""));
        Clock.Advance(TimeSpan.FromSeconds(1));
        var middle = await NewDatasetAsync(name: "middle");
        var newest = await NewDatasetAsync(name: "newest");

        Assert.Equal([newest.Id, middle.Id], (await Datasets.ListDatasetsAsync(2, None)).Select(d => d.Id));
        var all = await Datasets.ListDatasetsAsync(10, None);
        Assert.Equal([newest.Id, middle.Id, oldest.Id], all.Select(d => d.Id));
        Assert.Equal(1L, all[2].RowsProcessed);
        Assert.All(all, d => Assert.Null(d.StateJson));
        Assert.Equal("""{"sum":1}""", (await GetDatasetAsync(oldest.Id)).StateJson);
    }

    [Fact]
    public async Task Appended_rows_are_numbered_gaplessly_per_dataset_across_appends()
    {
        var dataset = await NewDatasetAsync();
        var other = await NewDatasetAsync(name: "other");

        var first = await Datasets.AppendRowsAsync(dataset.Id, null, Rows(1, 3), None);
        var elsewhere = await Datasets.AppendRowsAsync(other.Id, null, Rows(1, 2, "x"), None);
        var second = await Datasets.AppendRowsAsync(dataset.Id, null, Rows(4, 1), None);
        Clock.Advance(TimeSpan.FromSeconds(3));
        var third = await Datasets.AppendRowsAsync(dataset.Id, null, Rows(5, 4), None);

        Assert.Equal([new AppendResult(3, 3), new AppendResult(1, 4), new AppendResult(4, 8)], [first, second, third]);
        Assert.Equal(new AppendResult(2, 2), elsewhere);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => new StoredRow(i, $$"""{"n":{{i}}}""")), await Datasets.ReadRowsAsync(dataset.Id, 0, 100, None));
        Assert.Equal([4L, 5L, 6L], (await Datasets.ReadRowsAsync(dataset.Id, 3, 3, None)).Select(r => r.Seq));
        Assert.Equal([1L, 2L], await RowSeqsAsync(other.Id));
        var stored = await GetDatasetAsync(dataset.Id);
        Assert.Equal((8L, 0L, DatasetStatus.Open), (stored.RowsReceived, stored.RowsProcessed, stored.Status));
        Assert.Equal(Clock.GetUtcNow(), stored.UpdatedAt);
    }

    [Fact]
    public async Task A_resumed_dataset_upload_with_firstSeq_stores_only_the_rows_not_yet_stored()
    {
        var dataset = await NewDatasetAsync();
        Assert.Equal(new AppendResult(5, 5), await Datasets.AppendRowsAsync(dataset.Id, 1, Rows(1, 5), None));

        // Rows 3..8 again, the first three of them already stored: only 6..8 are new.
        var resumed = await Datasets.AppendRowsAsync(dataset.Id, 3, Rows(3, 6, "resent"), None);

        Assert.Equal(new AppendResult(3, 8), resumed);
        var rows = await Datasets.ReadRowsAsync(dataset.Id, 0, 100, None);
        Assert.Equal(Rows(1, 5).Concat(Rows(6, 3, "resent")), rows.Select(r => r.Json));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), rows.Select(r => r.Seq));
    }

    [Fact]
    public async Task A_resent_dataset_chunk_that_is_all_stored_is_accepted_as_nothing()
    {
        var dataset = await DatasetWithRowsAsync(4);

        Assert.Equal(new AppendResult(0, 4), await Datasets.AppendRowsAsync(dataset.Id, 1, Rows(1, 4, "resent"), None));
        Assert.Equal(new AppendResult(0, 4), await Datasets.AppendRowsAsync(dataset.Id, 2, Rows(2, 2, "resent"), None));

        Assert.Equal(Rows(1, 4), (await Datasets.ReadRowsAsync(dataset.Id, 0, 100, None)).Select(r => r.Json));
        Assert.Equal(4, (await GetDatasetAsync(dataset.Id)).RowsReceived);
    }

    [Fact]
    public async Task A_firstSeq_that_would_leave_a_gap_in_a_dataset_is_a_conflict_that_says_where_to_resume()
    {
        var dataset = await DatasetWithRowsAsync(3);

        var gap = await Assert.ThrowsAsync<DatasetConflictException>(() => Datasets.AppendRowsAsync(dataset.Id, 5, Rows(5, 2), None));
        var zero = await Assert.ThrowsAsync<DatasetConflictException>(() => Datasets.AppendRowsAsync(dataset.Id, 0, Rows(0, 2), None));

        Assert.Contains("gap", gap.Message, StringComparison.Ordinal);
        Assert.Contains("the next row is 4", gap.Message, StringComparison.Ordinal);
        Assert.Contains("1 or more", zero.Message, StringComparison.Ordinal);
        Assert.Equal([1L, 2L, 3L], await RowSeqsAsync(dataset.Id));
        Assert.Equal(3, (await GetDatasetAsync(dataset.Id)).RowsReceived);
    }

    [Fact]
    public async Task A_sealed_dataset_refuses_new_rows_but_accepts_a_resend_of_stored_ones()
    {
        var dataset = await DatasetWithRowsAsync(3);

        var sealedInfo = await Datasets.SealDatasetAsync(dataset.Id, None);

        Assert.Equal((DatasetStatus.Sealed, true), (sealedInfo.Status, sealedInfo.Sealed));
        var appended = await Assert.ThrowsAsync<DatasetConflictException>(() => Datasets.AppendRowsAsync(dataset.Id, null, Rows(4, 1), None));
        Assert.Contains("sealed", appended.Message, StringComparison.Ordinal);
        // Partly new: refused as a whole, nothing stored.
        await Assert.ThrowsAsync<DatasetConflictException>(() => Datasets.AppendRowsAsync(dataset.Id, 3, Rows(3, 2), None));
        Assert.Equal(new AppendResult(0, 3), await Datasets.AppendRowsAsync(dataset.Id, 1, Rows(1, 3), None));
        Assert.Equal([1L, 2L, 3L], await RowSeqsAsync(dataset.Id));
    }

    [Fact]
    public async Task Sealing_completes_a_dataset_at_once_when_every_row_is_processed()
    {
        var empty = await NewDatasetAsync();
        var pending = await DatasetWithRowsAsync(2);

        var completed = await Datasets.SealDatasetAsync(empty.Id, None);
        var waiting = await Datasets.SealDatasetAsync(pending.Id, None);

        Assert.Equal((DatasetStatus.Completed, true), (completed.Status, completed.Sealed));
        Assert.Equal((DatasetStatus.Sealed, true), (waiting.Status, waiting.Sealed));
        Assert.Equal(DatasetStatus.Completed, (await Datasets.SealDatasetAsync(empty.Id, None)).Status);
        Assert.Equal([pending.Id], await Datasets.ListPendingDatasetsAsync(None));
    }

    [Fact]
    public async Task Only_a_failed_dataset_can_be_resumed()
    {
        var dataset = await DatasetWithRowsAsync(1);

        var conflict = await Assert.ThrowsAsync<DatasetConflictException>(() => Datasets.ResumeDatasetAsync(dataset.Id, RowErrorPolicy.Skip, None));

        Assert.Contains("is open, not failed", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(RowErrorPolicy.Fail, (await GetDatasetAsync(dataset.Id)).OnError);
    }
}
