using ActorQueue.Jobs;

namespace ActorQueue.Storage.Sqlite;

/// <summary>Blobs on SQLite: written through the single writer like every other write, read on pooled read connections.</summary>
internal sealed partial class SqliteStore : IBlobStore
{
    private const string InsertBlobSql = """
        INSERT INTO aq_blobs (id, job_id, content_type, size, data, created_at)
        VALUES (@id, @job_id, @content_type, @size, @data, @created_at)
        """;

    // Abandoned uploads (stored, never given to a job) go when the next upload comes: an index probe.
    private const string DeleteAbandonedBlobsSql = "DELETE FROM aq_blobs WHERE job_id IS NULL AND created_at < @before";

    private const string AttachBlobSql = "UPDATE aq_blobs SET job_id = @job_id WHERE id = @id AND job_id IS NULL";

    public Task<IReadOnlyList<string>> PutBlobsAsync(IReadOnlyList<BlobUpload> blobs, CancellationToken cancellationToken)
    {
        BlobUploads.Validate(blobs);
        return _writer.ExecuteAsync<IReadOnlyList<string>>(batch =>
        {
            var now = Now;
            if (blobs.Any(b => b.JobId is null))
            {
                batch.Command(DeleteAbandonedBlobsSql).With("@before", SqliteJobRows.ToMs(now - IBlobStore.UnownedRetention)).ExecuteNonQuery();
            }
            var ids = blobs.Select(_ => BlobUploads.NewId(now)).ToArray();
            InsertBlobs(batch, blobs.Select((b, i) => (ids[i], b.JobId, b.ContentType, b.Data)).ToList(), now);
            return ids;
        }, cancellationToken, multiStatement: true);
    }

    public async Task<SubmitResult> SubmitWithBlobsAsync(JobSubmission submission, IReadOnlyList<IdentifiedBlob> blobs, CancellationToken cancellationToken)
    {
        BlobUploads.Validate(blobs);
        var storedAt = default(DateTimeOffset);
        var submitted = await _writer.ExecuteAsync(batch =>
        {
            var now = Now;
            var submitted = Insert(batch, submission, now);
            if (!submitted.Existing)
            {
                InsertBlobs(batch, blobs.Select(b => (b.Id, (string?)submitted.Id, b.ContentType, b.Data)).ToList(), now);
                storedAt = now;
            }
            return submitted;
        }, cancellationToken, multiStatement: true);
        if (!submitted.Existing)
        {
            BlobUploads.KeepRecent(_recentUploads, blobs, submitted.Id, storedAt);
        }
        return submitted;
    }

    private static void InsertBlobs(SqliteWriteBatch batch, IReadOnlyList<(string Id, string? JobId, string ContentType, ReadOnlyMemory<byte> Data)> blobs, DateTimeOffset now)
    {
        var insert = batch.Command(InsertBlobSql);
        try
        {
            foreach (var blob in blobs)
            {
                insert.With("@id", blob.Id)
                    .With("@job_id", blob.JobId)
                    .With("@content_type", blob.ContentType)
                    .With("@size", blob.Data.Length)
                    .With("@data", BlobUploads.WholeArray(blob.Data))
                    .With("@created_at", SqliteJobRows.ToMs(now))
                    .ExecuteNonQuery();
            }
        }
        finally
        {
            // The prepared command outlives this call: do not let it hold the last image alive.
            insert.With("@data", null);
        }
    }

    public async Task<StoredBlob?> GetBlobAsync(string id, CancellationToken cancellationToken)
    {
        if (_recentUploads.Take(id) is { } recent)
        {
            return recent;
        }
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT content_type, data, job_id, created_at FROM aq_blobs WHERE id = @id";
        command.With("@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new StoredBlob(id, reader.GetString(0), (byte[])reader.GetValue(1),
            reader.IsDBNull(2) ? null : reader.GetString(2), SqliteJobRows.FromMs(reader.GetInt64(3)));
    }

    public Task<int> AttachBlobsAsync(IReadOnlyCollection<string> ids, string jobId, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(batch =>
        {
            var attached = 0;
            var update = batch.Command(AttachBlobSql);
            foreach (var id in ids)
            {
                attached += update.With("@id", id).With("@job_id", jobId).ExecuteNonQuery();
            }
            return attached;
        }, cancellationToken, multiStatement: true);
}
