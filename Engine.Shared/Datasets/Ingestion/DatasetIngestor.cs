using ActorQueue.Storage;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Util;

namespace ActorQueue.Datasets.Ingestion;

/// <summary>
/// Streams parsed rows into a dataset with Akka.Streams: rows are grouped into chunks of
/// <see cref="DatasetOptions.IngestChunkSize"/>, and each chunk is one store transaction with gapless sequence
/// numbers, one at a time. The stream pulls the next row only when there is room for it, so the request body is
/// read as fast as the store takes its rows (TCP backpressure to the client) and memory holds a chunk or two
/// whatever the upload's size. A malformed row stops the upload there: the rows before it are stored (and count as
/// accepted), nothing from it on is, and the error says which line and where to resume.
/// </summary>
internal sealed class DatasetIngestor(IDatasetStore store, DatasetOptions options, ActorSystem system)
{
    private readonly Lazy<IMaterializer> _materializer = new(() => system.Materializer(namePrefix: "dataset-ingest"));

    /// <param name="stored">Called after each chunk is committed (the seed nudges the dataset's entity).</param>
    public async Task<IngestResult> IngestAsync(string datasetId, IAsyncEnumerable<ParsedRow> rows, long? firstSeq, Action stored, CancellationToken cancellationToken)
    {
        var progress = new Progress();
        var outcome = await Source.From(() => rows)
            .Select(row => new Item(row.Json, null))
            // A malformed row ends the stream with one last item that says so, after the rows before it.
            .Recover(exception => exception is MalformedRowException bad ? Option<Item>.Create(new Item(null, bad)) : Option<Item>.None)
            .Grouped(options.IngestChunkSize)
            .SelectAsync(1, chunk => AppendAsync(datasetId, chunk, firstSeq, progress, stored, cancellationToken))
            // A chunk the store refused (a gap, a sealed dataset) ends the upload: the body is not read further.
            .TakeWhile(chunk => chunk.Refused is null, inclusive: true)
            .RunWith(Sink.Aggregate<Outcome, Outcome>(Outcome.Fine, (first, next) => first.Malformed is null && first.Refused is null ? next : first), _materializer.Value)
            .WaitAsync(cancellationToken);
        if (outcome.Refused is { } refused)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(refused);
        }
        var malformed = outcome.Malformed;
        if (malformed is not null)
        {
            var storedUpTo = progress.LastSeq ?? (await store.GetDatasetAsync(datasetId, cancellationToken))?.RowsReceived ?? throw new DatasetNotFoundException(datasetId);
            // Resending the whole fixed file from its first row's number skips the rows already stored.
            throw new UploadRejectedException(malformed, progress.Accepted, storedUpTo, firstSeq ?? storedUpTo - progress.Accepted + 1);
        }
        var lastSeq = progress.LastSeq ?? (await store.GetDatasetAsync(datasetId, cancellationToken))?.RowsReceived ?? throw new DatasetNotFoundException(datasetId);
        return new IngestResult(progress.Accepted, lastSeq);
    }

    /// <summary>Stores one chunk; answers (never throws) what went wrong, so that the stream ends with the store's own exception.</summary>
    private async Task<Outcome> AppendAsync(string datasetId, IEnumerable<Item> items, long? firstSeq, Progress progress, Action stored, CancellationToken cancellationToken)
    {
        var chunk = new List<string>(options.IngestChunkSize);
        MalformedRowException? malformed = null;
        foreach (var item in items)
        {
            if (item.Malformed is not null)
            {
                malformed = item.Malformed;
            }
            else
            {
                chunk.Add(item.Json!);
            }
        }
        progress.Read += chunk.Count;
        if (chunk.Count == 0)
        {
            return new Outcome(malformed, null);
        }
        // With firstSeq every chunk names its own first row, so a retried upload skips what is stored;
        // without it, each chunk goes at the end.
        var chunkFirst = firstSeq is { } first ? first + progress.Read - chunk.Count : (long?)null;
        try
        {
            var result = await store.AppendRowsAsync(datasetId, chunkFirst, chunk, cancellationToken);
            progress.Accepted += result.Accepted;
            progress.LastSeq = result.LastSeq;
            if (result.Accepted > 0)
            {
                stored();
            }
            return new Outcome(malformed, null);
        }
        catch (Exception exception)
        {
            return new Outcome(null, exception);
        }
    }

    /// <summary>What a chunk came to: fine, the upload's malformed row, or the store's refusal. Never null (streams carry no nulls).</summary>
    private sealed record Outcome(MalformedRowException? Malformed, Exception? Refused)
    {
        public static readonly Outcome Fine = new(null, null);
    }

    private sealed record Item(string? Json, MalformedRowException? Malformed);

    /// <summary>Counts of one upload, changed by one chunk at a time (the stream appends chunks one by one).</summary>
    private sealed class Progress
    {
        public long Read { get; set; }
        public long Accepted { get; set; }
        public long? LastSeq { get; set; }
    }
}

internal sealed record IngestResult(long Accepted, long LastSeq);

/// <summary>An upload stopped at a malformed row; the rows before it are stored.</summary>
internal sealed class UploadRejectedException(MalformedRowException malformed, long accepted, long lastSeq, long resumeFirstSeq)
    : Exception(
        $"Line {malformed.Line} is malformed: {malformed.Reason}. The {accepted} row(s) before it were stored (the dataset has rows up to {lastSeq}); " +
        $"nothing from line {malformed.Line} on was. Fix the file and upload it again with ?firstSeq={resumeFirstSeq}: the rows already stored are skipped.",
        malformed)
{
    public long Line { get; } = malformed.Line;
    public long Accepted { get; } = accepted;
    public long LastSeq { get; } = lastSeq;
    public long ResumeFirstSeq { get; } = resumeFirstSeq;
}
