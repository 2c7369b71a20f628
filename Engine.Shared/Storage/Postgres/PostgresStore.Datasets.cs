using ActorQueue.Datasets;
using ActorQueue.Jobs;
using Npgsql;

namespace ActorQueue.Storage.Postgres;

/// <summary>
/// Datasets, their rows and their results: creation, ingestion, sealing, reads. The seed nudges a dataset's
/// entity once a write that gives it work has committed, and the sweep finds what a lost nudge missed.
/// </summary>
internal sealed partial class PostgresStore : IDatasetStore
{
    // Appends are serialized per dataset by the row lock on the dataset (FOR UPDATE), taken before the
    // numbering is planned: a concurrent append in another process waits for this one to commit, then
    // reads the rows_received it wrote, so sequence numbers stay gapless and unique. The rows go in with
    // one statement per chunk, numbered from @first by their position in the array.
    private const string LockForAppendSql = "SELECT seq, rows_received, sealed FROM aq_datasets WHERE id = @id FOR UPDATE";

    private const string AppendSql = """
        WITH appended AS (
            INSERT INTO aq_dataset_rows (dataset_seq, seq, data)
            SELECT @d, @first + r.ord - 1, r.data FROM unnest(@data::text[]) WITH ORDINALITY AS r(data, ord)
        )
        UPDATE aq_datasets SET rows_received = @last, updated_at = @now WHERE seq = @d
        """;

    // The two arrays list the first errors in the same order, in the same snapshot as the dataset.
    private const string GetDatasetSql = $"""
        SELECT {DatasetRows.ColumnsWithState},
               ARRAY(SELECT e.seq FROM aq_dataset_errors e WHERE e.dataset_seq = d.seq ORDER BY e.seq LIMIT @limit),
               ARRAY(SELECT e.message FROM aq_dataset_errors e WHERE e.dataset_seq = d.seq ORDER BY e.seq LIMIT @limit)
          FROM aq_datasets d
         WHERE d.id = @id
        """;

    // Completes at once when every row is already processed.
    private const string SealSql = """
        UPDATE aq_datasets
           SET sealed = true, updated_at = @now,
               status = CASE WHEN status = 'open' AND rows_processed = rows_received THEN 'completed'
                             WHEN status = 'open' THEN 'sealed' ELSE status END
         WHERE id = @id
        """;

    // Only a failed dataset resumes: the status is re-checked on the row's latest version, so two resumes
    // at once (or a resume racing a failure) cannot both act.
    private const string ResumeSql = """
        UPDATE aq_datasets
           SET status = CASE WHEN sealed THEN 'sealed' ELSE 'open' END, failed_seq = NULL, failure = NULL,
               on_error = COALESCE(@on_error::text, on_error), updated_at = @now
         WHERE id = @id AND status = 'failed'
        """;

    private readonly JobIds _datasetIds = new();

    private static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public async Task<DatasetInfo> CreateDatasetAsync(NewDataset dataset, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO aq_datasets (id, name, processor, options, on_error, status, created_at, updated_at)
            VALUES (@id, @name, @processor, @options, @on_error, 'open', @now, @now)
            RETURNING {DatasetRows.ColumnsWithState}
            """);
        command.Parameters
            .With("id", _datasetIds.Next(now))
            .With("name", dataset.Name)
            .With("processor", dataset.Processor)
            .With("options", dataset.OptionsJson)
            .With("on_error", dataset.OnError.ToWire())
            .With("now", Ms(now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return DatasetRows.Read(reader);
    }

    public async Task<DatasetInfo?> GetDatasetAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(GetDatasetSql);
        command.Parameters.With("id", id).With("limit", DatasetRows.ErrorsShown);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var info = DatasetRows.Read(reader);
        var seqs = reader.GetFieldValue<long[]>(DatasetRows.ColumnCount);
        var messages = reader.GetFieldValue<string[]>(DatasetRows.ColumnCount + 1);
        return seqs.Length == 0 ? info : info with { Errors = seqs.Select((seq, i) => new DatasetRowError(seq, messages[i])).ToList() };
    }

    public async Task<IReadOnlyList<DatasetInfo>> ListDatasetsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {DatasetRows.Columns} FROM aq_datasets ORDER BY seq DESC LIMIT @limit");
        command.Parameters.With("limit", limit);
        return await ReadAllAsync(command, DatasetRows.Read, cancellationToken);
    }

    public async Task<AppendResult> AppendRowsAsync(string id, long? firstSeq, IReadOnlyList<string> rows, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long datasetSeq, lastSeq;
        bool isSealed;
        await using (var read = new NpgsqlCommand(LockForAppendSql, connection, transaction))
        {
            read.Parameters.With("id", id);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new DatasetNotFoundException(id);
            }
            (datasetSeq, lastSeq, isSealed) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetBoolean(2));
        }
        var (skip, next) = DatasetRows.PlanAppend(id, lastSeq, firstSeq, rows.Count, isSealed);
        if (skip == rows.Count)
        {
            // Everything was stored before (a resent chunk): nothing to write; the lock goes with the rollback.
            return new AppendResult(0, lastSeq);
        }
        var data = new string[rows.Count - skip];
        for (var i = skip; i < rows.Count; i++)
        {
            data[i - skip] = rows[i];
        }
        lastSeq = next + data.Length - 1;
        var now = Now;
        await using (var append = new NpgsqlCommand(AppendSql, connection, transaction))
        {
            append.Parameters.With("d", datasetSeq).With("first", next).With("data", data).With("last", lastSeq).With("now", Ms(now));
            await append.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new AppendResult(data.Length, lastSeq);
    }

    public async Task<DatasetInfo> SealDatasetAsync(string id, CancellationToken cancellationToken)
    {
        if (await ChangeDatasetsAsync(SealSql, parameters => parameters.With("id", id), cancellationToken) != 1)
        {
            throw new DatasetNotFoundException(id);
        }
        // A waiter on the dataset hears that it is sealed (or completed by the seal).
        AfterCommit(() => Signals.NotifyDatasetProgress(id));
        return await GetDatasetAsync(id, cancellationToken) ?? throw new DatasetNotFoundException(id);
    }

    public async Task<DatasetInfo> ResumeDatasetAsync(string id, RowErrorPolicy? onError, CancellationToken cancellationToken)
    {
        var resumed = await ChangeDatasetsAsync(ResumeSql, parameters => parameters.With("id", id).With("on_error", onError?.ToWire()), cancellationToken);
        var info = await GetDatasetAsync(id, cancellationToken) ?? throw new DatasetNotFoundException(id);
        return resumed == 1
            ? info
            : throw new DatasetConflictException($"Dataset {id} is {info.Status.ToWire()}, not failed: there is nothing to resume.");
    }

    public Task<IReadOnlyList<StoredRow>> ReadRowsAsync(string id, long afterSeq, int limit, CancellationToken cancellationToken) =>
        ReadJournalAsync("""
            SELECT j.seq, j.data FROM aq_dataset_rows j
             WHERE j.dataset_seq = (SELECT seq FROM aq_datasets WHERE id = @id) AND j.seq > @after
             ORDER BY j.seq LIMIT @limit
            """, id, afterSeq, limit, cancellationToken);

    public Task<IReadOnlyList<StoredRow>> ReadResultsAsync(string id, long afterSeq, int limit, CancellationToken cancellationToken) =>
        ReadJournalAsync("""
            SELECT j.seq, j.output FROM aq_dataset_results j
             WHERE j.dataset_seq = (SELECT seq FROM aq_datasets WHERE id = @id) AND j.seq > @after
             ORDER BY j.seq LIMIT @limit
            """, id, afterSeq, limit, cancellationToken);

    private async Task<IReadOnlyList<StoredRow>> ReadJournalAsync(string sql, string id, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.With("id", id).With("after", afterSeq).With("limit", limit);
        return await ReadAllAsync(command, static reader => new StoredRow(reader.GetInt64(0), reader.GetString(1)), cancellationToken);
    }

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(read(reader));
        }
        return items;
    }
}
