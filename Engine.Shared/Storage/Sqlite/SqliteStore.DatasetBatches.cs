using ActorQueue.Datasets;

namespace ActorQueue.Storage.Sqlite;

/// <summary>
/// What the dataset entities write and read: batches (outputs, skipped rows and the projection in one
/// operation of the group commit), failures, and the sweep's list. The statements make a second write of
/// a batch change nothing (outputs keyed by sequence number, a projection that only moves forward); on
/// SQLite there is one process, so that guards against the same entity's restarts only.
/// </summary>
internal sealed partial class SqliteStore
{
    /// <summary>
    /// The journal and snapshot store sit in a second SQLite file beside the ledger (<c>actorqueue.db</c> →
    /// <c>actorqueue.journal.db</c>): SQLite lets one writer at a time hold a file, and the ledger's group-commit
    /// writer holds this one for every transaction; two writers on one file would wait on each other's locks.
    /// </summary>
    public DatasetJournalLocation Journal => new("SQLite.MS", SqliteJournalFile.ConnectionString(JournalPath), JournalPath);

    /// <summary>The journal's file: the ledger's name with <c>.journal.db</c> in place of its extension.</summary>
    public string JournalPath => SqliteJournalFile.PathFor(Path);

    public async Task<DatasetWork?> ReadWorkAsync(string id, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        // One read transaction: the head and the rows as of the same commit.
        await using var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        DatasetHead head;
        long datasetSeq;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = DatasetRows.HeadQuery;
            command.With("@id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }
            (head, datasetSeq) = (DatasetRows.ReadHead(reader), reader.GetInt64(5));
        }
        var rows = new List<StoredRow>(Math.Min(limit, 10_000));
        if (DatasetRows.HasRowsAfter(head, afterSeq))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = DatasetRows.RowsAfterQuery;
            command.With("@d", datasetSeq).With("@after", afterSeq).With("@limit", limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new StoredRow(reader.GetInt64(0), reader.GetString(1)));
            }
        }
        return new DatasetWork(head, rows);
    }

    public Task<DatasetStatus> RecordBatchAsync(string id, DatasetBatch batch, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(write =>
        {
            long datasetSeq;
            DatasetStatus status;
            using (var reader = write.Command("SELECT seq, status FROM aq_datasets WHERE id = @id").With("@id", id).ExecuteReader())
            {
                if (!reader.Read())
                {
                    throw new DatasetNotFoundException(id);
                }
                (datasetSeq, status) = (reader.GetInt64(0), DatasetWords.ParseStatus(reader.GetString(1)));
            }
            var insertResult = write.Command("INSERT OR IGNORE INTO aq_dataset_results (dataset_seq, seq, output) VALUES (@d, @seq, @output)").With("@d", datasetSeq);
            foreach (var result in batch.Results)
            {
                insertResult.With("@seq", result.Seq).With("@output", result.Json).ExecuteNonQuery();
            }
            var insertError = write.Command("INSERT OR IGNORE INTO aq_dataset_errors (dataset_seq, seq, message) VALUES (@d, @seq, @message)").With("@d", datasetSeq);
            foreach (var error in batch.Skipped)
            {
                insertError.With("@seq", error.Seq).With("@message", error.Message).ExecuteNonQuery();
            }
            // The projection moves forward only, and only while the dataset can make progress; a batch that stopped
            // at a rejected row fails the dataset only while its policy is still "fail" (one applied before a resume
            // with "skip" and written after it changes nothing).
            using (var reader = write.Command("""
                UPDATE aq_datasets
                   SET rows_processed = @to, state = @state, updated_at = @now, error_count = @error_count,
                       failed_seq = @failed_seq, failure = @failure,
                       status = CASE WHEN @failed_seq IS NOT NULL THEN 'failed'
                                     WHEN sealed = 1 AND rows_received = @to THEN 'completed'
                                     ELSE status END
                 WHERE seq = @d AND rows_processed <= @to AND status IN ('open', 'sealed') AND (@failed_seq IS NULL OR on_error = 'fail')
                RETURNING status
                """).With("@d", datasetSeq).With("@to", batch.ToSeq).With("@state", batch.StateJson).With("@error_count", batch.ErrorCount)
                .With("@failed_seq", batch.Failure?.Seq).With("@failure", batch.Failure?.Message)
                .With("@now", SqliteJobRows.ToMs(_time.GetUtcNow())).ExecuteReader())
            {
                if (reader.Read())
                {
                    status = DatasetWords.ParseStatus(reader.GetString(0));
                }
            }
            write.AfterCommit(() => Signals.NotifyDatasetProgress(id));
            return status;
        }, cancellationToken, multiStatement: true);

    public async Task FailDatasetAsync(string id, string message, CancellationToken cancellationToken)
    {
        var failed = await _writer.ExecuteAsync(write => write.Command(DatasetRows.FailSql)
            .With("@id", id).With("@failure", message).With("@now", SqliteJobRows.ToMs(_time.GetUtcNow())).ExecuteNonQuery(), cancellationToken);
        if (failed == 1)
        {
            Signals.NotifyDatasetProgress(id);
        }
    }

    public async Task<IReadOnlyList<string>> ListPendingDatasetsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = DatasetRows.PendingQuery;
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }
}
