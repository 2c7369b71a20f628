using System.Runtime.CompilerServices;
using ActorQueue.Datasets;
using ActorQueue.Datasets.Ingestion;
using ActorQueue.Storage;
using Akka.Actor;

namespace ActorQueue.Tests.Datasets.Ingestion;

/// <summary>
/// The upload stream: chunks go to the store one at a time, and the body is read only as fast as the store takes
/// them (backpressure), so an upload of any size holds a bounded number of rows in memory.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DatasetIngestorTests : IDisposable
{
    private const int Chunk = 100;

    private readonly ActorSystem _system = ActorSystem.Create("ingestor-test", "akka.loglevel = WARNING");

    public void Dispose() => _system.Dispose();

    [Fact]
    public async Task A_slow_store_holds_the_reading_of_the_body_back_and_every_row_is_stored_once_in_order()
    {
        var store = new GatedStore();
        var ingestor = new DatasetIngestor(store, new DatasetOptions { IngestChunkSize = Chunk }, _system);
        var source = new CountingRows(100 * Chunk);
        var nudges = 0;

        var upload = ingestor.IngestAsync("d-1", source.ReadAsync(), firstSeq: 1, () => nudges++, CancellationToken.None);
        await store.FirstAppendEntered.WaitAsync(TimeSpan.FromSeconds(10));

        // While the store sits on the first chunk, the stream reads a few chunks ahead at most: never the whole body.
        var bound = 4 * Chunk;
        Assert.False(await source.ReadBeyond(bound).WaitAsync(TimeSpan.FromMilliseconds(500)).ContinueWith(t => t.IsCompletedSuccessfully),
            $"the stream read {source.Pulled} rows while the store was still writing the first {Chunk}");
        store.Release();
        var result = await upload;

        Assert.Equal(new IngestResult(100 * Chunk, 100 * Chunk), result);
        Assert.Equal(Enumerable.Range(1, 100 * Chunk).Select(i => $$"""{"n":{{i}}}"""), store.Rows);
        Assert.Equal(100, nudges);
    }

    [Fact]
    public async Task A_malformed_row_stores_the_rows_before_it_and_says_where_to_resume()
    {
        var store = new GatedStore();
        store.Release();
        var ingestor = new DatasetIngestor(store, new DatasetOptions { IngestChunkSize = Chunk }, _system);

        var rejected = await Assert.ThrowsAsync<UploadRejectedException>(() =>
            ingestor.IngestAsync("d-1", new CountingRows(250, malformedAt: 251).ReadAsync(), firstSeq: null, () => { }, CancellationToken.None));

        Assert.Equal((251L, 250L, 250L, 1L), (rejected.Line, rejected.Accepted, rejected.LastSeq, rejected.ResumeFirstSeq));
        Assert.Equal(250, store.Rows.Count);
    }

    /// <summary>Rows <c>{"n":i}</c>, counting how many were asked for; a malformed line after <paramref name="count"/> rows when told.</summary>
    private sealed class CountingRows(int count, long? malformedAt = null)
    {
        private readonly TaskCompletionSource _beyond = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _bound = int.MaxValue;
        private int _pulled;

        public int Pulled => Volatile.Read(ref _pulled);

        public Task ReadBeyond(int bound)
        {
            Volatile.Write(ref _bound, bound);
            if (Pulled > bound)
            {
                _beyond.TrySetResult();
            }
            return _beyond.Task;
        }

        public async IAsyncEnumerable<ParsedRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 1; i <= count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
                if (Interlocked.Increment(ref _pulled) > Volatile.Read(ref _bound))
                {
                    _beyond.TrySetResult();
                }
                yield return new ParsedRow($$"""{"n":{{i}}}""", i + 1);
            }
            if (malformedAt is { } line)
            {
                throw new MalformedRowException(line, "the line is not a JSON object");
            }
        }
    }

    /// <summary>A store whose appends wait until released; it numbers rows as the real ones do.</summary>
    private sealed class GatedStore : IDatasetStore
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<string> _rows = [];

        public Task FirstAppendEntered => _entered.Task;

        public IReadOnlyList<string> Rows => _rows;

        public void Release() => _released.TrySetResult();

        public async Task<AppendResult> AppendRowsAsync(string id, long? firstSeq, IReadOnlyList<string> rows, CancellationToken cancellationToken)
        {
            _entered.TrySetResult();
            await _released.Task;
            var (skip, _) = DatasetRows.PlanAppend(id, _rows.Count, firstSeq, rows.Count, isSealed: false);
            _rows.AddRange(rows.Skip(skip));
            return new AppendResult(rows.Count - skip, _rows.Count);
        }

        public DatasetJournalLocation Journal => throw new NotSupportedException();
        public Task<DatasetInfo> CreateDatasetAsync(NewDataset dataset, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<DatasetInfo?> GetDatasetAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<DatasetInfo>> ListDatasetsAsync(int limit, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<DatasetInfo> SealDatasetAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<DatasetInfo> ResumeDatasetAsync(string id, RowErrorPolicy? onError, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<StoredRow>> ReadRowsAsync(string id, long afterSeq, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<StoredRow>> ReadResultsAsync(string id, long afterSeq, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<DatasetWork?> ReadWorkAsync(string id, long afterSeq, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<DatasetStatus> RecordBatchAsync(string id, DatasetBatch batch, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task FailDatasetAsync(string id, string message, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<string>> ListPendingDatasetsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
