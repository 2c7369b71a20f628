using ActorQueue.Datasets;
using ActorQueue.Jobs;
using Microsoft.Data.Sqlite;

namespace ActorQueue.Storage.Sqlite;

/// <summary>Datasets, their rows and their results: creation, ingestion, sealing, reads.</summary>
internal sealed partial class SqliteStore : IDatasetStore
{
    private readonly JobIds _datasetIds = new();

    public async Task<DatasetInfo> CreateDatasetAsync(NewDataset dataset, CancellationToken cancellationToken)
    {
        var now = Now;
        var id = _datasetIds.Next(now);
        await _writer.ExecuteAsync(batch => batch.Command("""
                INSERT INTO aq_datasets (id, name, processor, options, on_error, status, created_at, updated_at)
                VALUES (@id, @name, @processor, @options, @on_error, 'open', @now, @now)
                """)
            .With("@id", id).With("@name", dataset.Name).With("@processor", dataset.Processor)
            .With("@options", dataset.OptionsJson).With("@on_error", dataset.OnError.ToWire()).With("@now", SqliteJobRows.ToMs(now))
            .ExecuteNonQuery(), cancellationToken);
        return await GetDatasetAsync(id, cancellationToken) ?? throw new DatasetNotFoundException(id);
    }

    public async Task<DatasetInfo?> GetDatasetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        // One read transaction: the dataset and its errors as of the same commit.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        DatasetInfo info;
        long datasetSeq;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT {DatasetRows.ColumnsWithState}, seq FROM aq_datasets WHERE id = @id";
            command.With("@id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }
            info = DatasetRows.Read(reader);
            datasetSeq = reader.GetInt64(DatasetRows.ColumnCount);
        }
        if (info.ErrorCount == 0)
        {
            return info;
        }
        var errors = new List<DatasetRowError>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT seq, message FROM aq_dataset_errors WHERE dataset_seq = @d ORDER BY seq LIMIT @limit";
            command.With("@d", datasetSeq).With("@limit", DatasetRows.ErrorsShown);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                errors.Add(new DatasetRowError(reader.GetInt64(0), reader.GetString(1)));
            }
        }
        return info with { Errors = errors };
    }

    public async Task<IReadOnlyList<DatasetInfo>> ListDatasetsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {DatasetRows.Columns} FROM aq_datasets ORDER BY seq DESC LIMIT @limit";
        command.With("@limit", limit);
        var datasets = new List<DatasetInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            datasets.Add(DatasetRows.Read(reader));
        }
        return datasets;
    }

    public Task<AppendResult> AppendRowsAsync(string id, long? firstSeq, IReadOnlyList<string> rows, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(batch =>
        {
            var (datasetSeq, lastSeq, isSealed) = ReadForAppend(batch, id);
            var (skip, next) = DatasetRows.PlanAppend(id, lastSeq, firstSeq, rows.Count, isSealed);
            if (skip == rows.Count)
            {
                return new AppendResult(0, lastSeq);
            }
            var insert = batch.Command("INSERT INTO aq_dataset_rows (dataset_seq, seq, data) VALUES (@d, @seq, @data)").With("@d", datasetSeq);
            for (var i = skip; i < rows.Count; i++)
            {
                insert.With("@seq", next++).With("@data", rows[i]).ExecuteNonQuery();
            }
            lastSeq = next - 1;
            batch.Command("UPDATE aq_datasets SET rows_received = @last, updated_at = @now WHERE seq = @d")
                .With("@last", lastSeq).With("@now", SqliteJobRows.ToMs(_time.GetUtcNow())).With("@d", datasetSeq).ExecuteNonQuery();
            return new AppendResult(rows.Count - skip, lastSeq);
        }, cancellationToken, multiStatement: true);

    private static (long DatasetSeq, long LastSeq, bool Sealed) ReadForAppend(SqliteWriteBatch batch, string id)
    {
        using var reader = batch.Command("SELECT seq, rows_received, sealed FROM aq_datasets WHERE id = @id").With("@id", id).ExecuteReader();
        return reader.Read()
            ? (reader.GetInt64(0), reader.GetInt64(1), reader.GetBoolean(2))
            : throw new DatasetNotFoundException(id);
    }

    public async Task<DatasetInfo> SealDatasetAsync(string id, CancellationToken cancellationToken)
    {
        var changed = await _writer.ExecuteAsync(batch => batch.Command("""
                UPDATE aq_datasets
                   SET sealed = 1, updated_at = @now,
                       status = CASE WHEN status = 'open' AND rows_processed = rows_received THEN 'completed'
                                     WHEN status = 'open' THEN 'sealed' ELSE status END
                 WHERE id = @id
                """).With("@id", id).With("@now", SqliteJobRows.ToMs(_time.GetUtcNow())).ExecuteNonQuery(), cancellationToken);
        Signals.NotifyDatasetProgress(id);
        return changed == 1 && await GetDatasetAsync(id, cancellationToken) is { } info ? info : throw new DatasetNotFoundException(id);
    }

    public async Task<DatasetInfo> ResumeDatasetAsync(string id, RowErrorPolicy? onError, CancellationToken cancellationToken)
    {
        await _writer.ExecuteAsync(batch =>
        {
            using (var reader = batch.Command("SELECT status FROM aq_datasets WHERE id = @id").With("@id", id).ExecuteReader())
            {
                if (!reader.Read())
                {
                    throw new DatasetNotFoundException(id);
                }
                if (reader.GetString(0) != "failed")
                {
                    throw new DatasetConflictException($"Dataset {id} is {reader.GetString(0)}, not failed: there is nothing to resume.");
                }
            }
            batch.Command("""
                UPDATE aq_datasets
                   SET status = CASE WHEN sealed = 1 THEN 'sealed' ELSE 'open' END, failed_seq = NULL, failure = NULL,
                       on_error = COALESCE(@on_error, on_error), updated_at = @now
                 WHERE id = @id
                """).With("@id", id).With("@on_error", onError?.ToWire()).With("@now", SqliteJobRows.ToMs(_time.GetUtcNow())).ExecuteNonQuery();
            return 0;
        }, cancellationToken, multiStatement: true);
        return await GetDatasetAsync(id, cancellationToken) ?? throw new DatasetNotFoundException(id);
    }

    public Task<IReadOnlyList<StoredRow>> ReadRowsAsync(string id, long afterSeq, int limit, CancellationToken cancellationToken) =>
        ReadJournalAsync("aq_dataset_rows", "data", id, afterSeq, limit, cancellationToken);

    public Task<IReadOnlyList<StoredRow>> ReadResultsAsync(string id, long afterSeq, int limit, CancellationToken cancellationToken) =>
        ReadJournalAsync("aq_dataset_results", "output", id, afterSeq, limit, cancellationToken);

    private async Task<IReadOnlyList<StoredRow>> ReadJournalAsync(string table, string column, string id, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT j.seq, j.{column} FROM {table} j
             WHERE j.dataset_seq = (SELECT seq FROM aq_datasets WHERE id = @id) AND j.seq > @after
             ORDER BY j.seq LIMIT @limit
            """;
        command.With("@id", id).With("@after", afterSeq).With("@limit", limit);
        var rows = new List<StoredRow>(Math.Min(limit, 10_000));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new StoredRow(reader.GetInt64(0), reader.GetString(1)));
        }
        return rows;
    }
}
