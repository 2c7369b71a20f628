using ActorQueue.Storage;

namespace ActorQueue.Datasets.Ingestion;

/// <summary>
/// Writes a stream of parsed rows to a dataset in chunks, each chunk one store transaction with gapless
/// sequence numbers. A malformed row stops the upload there: the rows before it are stored (and count as
/// accepted), nothing from it on is, and the error says which line and where to resume.
/// </summary>
internal sealed class DatasetIngestor(IDatasetStore store, DatasetOptions options)
{
    public async Task<IngestResult> IngestAsync(string datasetId, IAsyncEnumerable<ParsedRow> rows, long? firstSeq, CancellationToken cancellationToken)
    {
        var chunk = new List<string>(options.IngestChunkSize);
        long accepted = 0;
        long read = 0;
        long? lastSeq = null;
        async Task FlushAsync()
        {
            if (chunk.Count == 0)
            {
                return;
            }
            // With firstSeq every chunk names its own first row, so a retried upload skips what is stored;
            // without it, each chunk goes at the end.
            var chunkFirst = firstSeq is { } first ? first + read - chunk.Count : (long?)null;
            var result = await store.AppendRowsAsync(datasetId, chunkFirst, chunk, cancellationToken);
            accepted += result.Accepted;
            lastSeq = result.LastSeq;
            chunk.Clear();
        }

        try
        {
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                chunk.Add(row.Json);
                read++;
                if (chunk.Count == options.IngestChunkSize)
                {
                    await FlushAsync();
                }
            }
        }
        catch (MalformedRowException malformed)
        {
            await FlushAsync();
            var stored = lastSeq ?? (await store.GetDatasetAsync(datasetId, cancellationToken))?.RowsReceived ?? throw new DatasetNotFoundException(datasetId);
            // Resending the whole fixed file from its first row's number skips the rows already stored.
            throw new UploadRejectedException(malformed, accepted, stored, firstSeq ?? stored - accepted + 1);
        }
        await FlushAsync();
        lastSeq ??= (await store.GetDatasetAsync(datasetId, cancellationToken))?.RowsReceived ?? throw new DatasetNotFoundException(datasetId);
        return new IngestResult(accepted, lastSeq.Value);
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
