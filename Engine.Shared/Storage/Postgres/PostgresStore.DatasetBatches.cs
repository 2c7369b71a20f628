using ActorQueue.Datasets;
using Npgsql;

namespace ActorQueue.Storage.Postgres;

/// <summary>
/// What the dataset entities write and read: batches (outputs, skipped rows and the projection in one
/// statement), failures, and the sweep's list. Each entity is the only writer of its dataset while the
/// cluster is healthy; when it is not (a frozen owner that wakes up after another node took over), the
/// statements below make a second write of a batch change nothing, and the Akka journal's unique
/// (persistence_id, sequence_number) refuses the zombie's event.
/// </summary>
internal sealed partial class PostgresStore
{
    // One round trip: the outputs and errors go in keyed by (dataset, seq) and a row already there is kept;
    // the projection moves forward only, and a batch that stopped at a rejected row fails the dataset only while
    // its policy is still "fail" (one applied before a resume with "skip" and written after it changes nothing).
    // The status answered is the new one, or the current one when the projection was past this batch. Waiters
    // on ?wait hear of it once it has committed.
    private const string RecordBatchSql = """
        WITH d AS (
            SELECT seq, status FROM aq_datasets WHERE id = @id
        ), results AS (
            INSERT INTO aq_dataset_results (dataset_seq, seq, output)
            SELECT d.seq, r.seq, r.output FROM d CROSS JOIN unnest(@result_seqs::bigint[], @outputs::text[]) AS r(seq, output)
            ON CONFLICT (dataset_seq, seq) DO NOTHING
        ), errors AS (
            INSERT INTO aq_dataset_errors (dataset_seq, seq, message)
            SELECT d.seq, e.seq, e.message FROM d CROSS JOIN unnest(@error_seqs::bigint[], @messages::text[]) AS e(seq, message)
            ON CONFLICT (dataset_seq, seq) DO NOTHING
        ), projected AS (
            UPDATE aq_datasets
               SET rows_processed = @to, state = @state, updated_at = @now, error_count = @error_count,
                   failed_seq = @failed_seq::bigint, failure = @failure::text,
                   status = CASE WHEN @failing THEN 'failed'
                                 WHEN sealed AND rows_received = @to THEN 'completed'
                                 ELSE status END
             WHERE id = @id AND rows_processed <= @to AND status IN ('open', 'sealed') AND (NOT @failing OR on_error = 'fail')
            RETURNING status
        )
        SELECT COALESCE((SELECT status FROM projected), d.status) FROM d
        """;


    /// <summary>
    /// The journal and snapshot store share this database (tables <c>aq_journal</c>, <c>aq_snapshot</c>,
    /// created by the plugin): one database to back up, and the journal commits next to the ledger it describes.
    /// </summary>
    public DatasetJournalLocation Journal
    {
        get
        {
            var journal = new NpgsqlConnectionStringBuilder(_settings.ConnectionString) { ApplicationName = "ActorQueue journal" };
            return new DatasetJournalLocation("PostgreSQL.15", journal.ConnectionString, Description);
        }
    }

    // The head and the rows in one round trip: the rows are read in the same statement, for the dataset's seq,
    // and only while it is open or sealed (a completed or failed dataset gives the entity nothing to do).
    // The dataset's number comes from a scalar subquery, not a join with the CTE: known at run time, it lets the
    // planner range-scan the primary key (dataset_seq, seq) in order. Joined, the planner cannot know which
    // dataset and sorts every remaining row of the table for each batch (430 ms a batch with a million rows).
    private const string ReadWorkSql = $"""
        WITH head AS (SELECT * FROM aq_datasets WHERE id = @id)
        SELECT h.processor, h.options, h.on_error, h.status, h.rows_received, h.seq, NULL::bigint, NULL::text FROM head h
        UNION ALL
        SELECT NULL, NULL, NULL, NULL, NULL, NULL, r.seq, r.data FROM (
            SELECT j.seq, j.data FROM aq_dataset_rows j
             WHERE j.dataset_seq = (SELECT h.seq FROM head h WHERE h.status IN ('open', 'sealed')) AND j.seq > @after
             ORDER BY j.seq LIMIT @limit) r
        ORDER BY 7 NULLS FIRST
        """;

    public async Task<DatasetWork?> ReadWorkAsync(string id, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(ReadWorkSql);
        command.Parameters.With("id", id).With("after", afterSeq).With("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        DatasetHead? head = null;
        var rows = new List<StoredRow>(Math.Min(limit, 10_000));
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.IsDBNull(6))
            {
                head = DatasetRows.ReadHead(reader);
            }
            else
            {
                rows.Add(new StoredRow(reader.GetInt64(6), reader.GetString(7)));
            }
        }
        return head is null ? null : new DatasetWork(head, rows);
    }

    public async Task<DatasetStatus> RecordBatchAsync(string id, DatasetBatch batch, CancellationToken cancellationToken)
    {
        DatasetStatus status;
        await using (var command = _dataSource.CreateCommand(RecordBatchSql))
        {
            command.Parameters
                .With("id", id)
                .With("to", batch.ToSeq)
                .With("state", batch.StateJson)
                .With("error_count", batch.ErrorCount)
                .With("failing", batch.Failure is not null)
                .With("failed_seq", batch.Failure?.Seq)
                .With("failure", batch.Failure?.Message)
                .With("now", Ms(Now))
                .With("result_seqs", batch.Results.Select(r => r.Seq).ToArray())
                .With("outputs", batch.Results.Select(r => r.Json).ToArray())
                .With("error_seqs", batch.Skipped.Select(e => e.Seq).ToArray())
                .With("messages", batch.Skipped.Select(e => e.Message).ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            status = await reader.ReadAsync(cancellationToken)
                ? DatasetWords.ParseStatus(reader.GetString(0))
                : throw new DatasetNotFoundException(id);
        }
        AfterCommit(() => Signals.NotifyDatasetProgress(id));
        return status;
    }

    public async Task FailDatasetAsync(string id, string message, CancellationToken cancellationToken)
    {
        int failed;
        await using (var command = _dataSource.CreateCommand(DatasetRows.FailSql))
        {
            command.Parameters.With("id", id).With("failure", message).With("now", Ms(Now));
            failed = await command.ExecuteNonQueryAsync(cancellationToken);
        }
        if (failed == 1)
        {
            AfterCommit(() => Signals.NotifyDatasetProgress(id));
        }
    }

    public async Task<IReadOnlyList<string>> ListPendingDatasetsAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(DatasetRows.PendingQuery);
        return await ReadAllAsync(command, static reader => reader.GetString(0), cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="update"/> (an UPDATE of aq_datasets). Answers how many datasets it changed.
    /// </summary>
    private async Task<int> ChangeDatasetsAsync(string update, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(update);
        bind(command.Parameters);
        command.Parameters.With("now", Ms(Now));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
