using ActorQueue.Jobs;
using Npgsql;
using NpgsqlTypes;

namespace ActorQueue.Storage.Postgres;

/// <summary>Blobs on PostgreSQL: <c>bytea</c> rows, each batch of uploads in one transaction.</summary>
internal sealed partial class PostgresStore : IBlobStore
{
    private const string InsertBlobSql = """
        INSERT INTO aq_blobs (id, job_id, content_type, size, data, created_at)
        VALUES (@id, @job_id, @content_type, @size, @data, @created_at)
        """;

    // Abandoned uploads (stored, never given to a job) go when the next upload comes: an index probe.
    private const string DeleteAbandonedBlobsSql = "DELETE FROM aq_blobs WHERE job_id IS NULL AND created_at < @before";

    private const string AttachBlobsSql = "UPDATE aq_blobs SET job_id = @job_id WHERE id = ANY(@ids) AND job_id IS NULL";

    public async Task<IReadOnlyList<string>> PutBlobsAsync(IReadOnlyList<BlobUpload> blobs, CancellationToken cancellationToken)
    {
        BlobUploads.Validate(blobs);
        var now = Now;
        var ids = blobs.Select(_ => BlobUploads.NewId(now)).ToArray();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        if (blobs.Any(b => b.JobId is null))
        {
            var sweep = new NpgsqlBatchCommand(DeleteAbandonedBlobsSql);
            sweep.Parameters.With("before", now - IBlobStore.UnownedRetention);
            batch.BatchCommands.Add(sweep);
        }
        AddInserts(batch, blobs.Select((b, i) => (ids[i], b.JobId, b.ContentType, b.Data)), now);
        // A batch is one implicit transaction: every blob is stored, or none.
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return ids;
    }

    public async Task<SubmitResult> SubmitWithBlobsAsync(JobSubmission submission, IReadOnlyList<IdentifiedBlob> blobs, CancellationToken cancellationToken)
    {
        BlobUploads.Validate(blobs);
        var storedAt = Now;
        var results = await InsertAsync([submission], cancellationToken, async (connection, transaction, submitted) =>
        {
            if (submitted[0].Existing)
            {
                return;
            }
            await using var batch = new NpgsqlBatch(connection, transaction);
            AddInserts(batch, blobs.Select(b => (b.Id, (string?)submitted[0].Id, b.ContentType, b.Data)), storedAt);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        });
        if (!results[0].Existing)
        {
            BlobUploads.KeepRecent(_recentUploads, blobs, results[0].Id, storedAt);
        }
        return results[0];
    }

    private static void AddInserts(NpgsqlBatch batch, IEnumerable<(string Id, string? JobId, string ContentType, ReadOnlyMemory<byte> Data)> blobs, DateTimeOffset now)
    {
        foreach (var blob in blobs)
        {
            var insert = new NpgsqlBatchCommand(InsertBlobSql);
            insert.Parameters
                .With("id", blob.Id)
                .With("job_id", blob.JobId)
                .With("content_type", blob.ContentType)
                .With("size", blob.Data.Length)
                .With("created_at", now);
            insert.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("data", NpgsqlDbType.Bytea) { TypedValue = blob.Data });
            batch.BatchCommands.Add(insert);
        }
    }

    public async Task<StoredBlob?> GetBlobAsync(string id, CancellationToken cancellationToken)
    {
        if (_recentUploads.Take(id) is { } recent)
        {
            return recent;
        }
        await using var command = _dataSource.CreateCommand("SELECT content_type, data, job_id, created_at FROM aq_blobs WHERE id = @id");
        command.Parameters.With("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new StoredBlob(id, reader.GetString(0), reader.GetFieldValue<byte[]>(1),
            reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3));
    }

    public async Task<int> AttachBlobsAsync(IReadOnlyCollection<string> ids, string jobId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(AttachBlobsSql);
        command.Parameters.With("job_id", jobId).With("ids", ids.ToArray());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
