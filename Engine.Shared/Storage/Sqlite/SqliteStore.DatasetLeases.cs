using ActorQueue.Datasets;

namespace ActorQueue.Storage.Sqlite;

/// <summary>
/// Dataset leases and batch commits. SQLite has one writer, so the fencing here guards against the
/// embedded node's own stale actors (an actor still finishing a batch after its lease was released);
/// the same statements fence separate processes on PostgreSQL.
/// </summary>
internal sealed partial class SqliteStore
{
    public async Task<IReadOnlyList<DatasetWork>> ListDatasetWorkAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = DatasetRows.WorkQuery;
        command.With("@now", SqliteJobRows.ToMs(_time.GetUtcNow()));
        var work = new List<DatasetWork>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            work.Add(DatasetRows.ReadWork(reader));
        }
        return work;
    }

    public Task<DatasetLease?> TryAcquireDatasetAsync(string id, string owner, TimeSpan leaseFor, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(batch =>
        {
            var now = _time.GetUtcNow();
            using var reader = batch.Command($"""
                UPDATE aq_datasets
                   SET owner = @owner, epoch = epoch + 1, lease_expires_at = @expires
                 WHERE id = @id AND status IN ('open', 'sealed')
                   AND (owner IS NULL OR owner = @owner OR lease_expires_at IS NULL OR lease_expires_at <= @now)
                RETURNING {DatasetRows.LeaseColumns}
                """).With("@id", id).With("@owner", owner).With("@now", SqliteJobRows.ToMs(now))
                .With("@expires", SqliteJobRows.ToMs(now + leaseFor)).ExecuteReader();
            return reader.Read() ? DatasetRows.ReadLease(reader, id, owner) : null;
        }, cancellationToken);

    public async Task<bool> RenewDatasetLeaseAsync(DatasetLease lease, TimeSpan leaseFor, CancellationToken cancellationToken) =>
        await _writer.ExecuteAsync(batch => batch.Command("""
                UPDATE aq_datasets SET lease_expires_at = @expires
                 WHERE id = @id AND owner = @owner AND epoch = @epoch AND status IN ('open', 'sealed')
                """).With("@id", lease.DatasetId).With("@owner", lease.Owner).With("@epoch", lease.Epoch)
            .With("@expires", SqliteJobRows.ToMs(_time.GetUtcNow() + leaseFor)).ExecuteNonQuery(), cancellationToken) == 1;

    public Task ReleaseDatasetLeaseAsync(DatasetLease lease, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(batch =>
        {
            var released = batch.Command("""
                UPDATE aq_datasets SET owner = NULL, lease_expires_at = NULL
                 WHERE id = @id AND owner = @owner AND epoch = @epoch
                """).With("@id", lease.DatasetId).With("@owner", lease.Owner).With("@epoch", lease.Epoch).ExecuteNonQuery();
            if (released == 1)
            {
                // Another region may be waiting for this dataset (a hand-off).
                batch.AfterCommit(() => Signals.NotifyDatasetWork());
            }
            return released;
        }, cancellationToken);

    public Task<int> ReleaseDatasetLeasesOfAsync(string owner, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(batch =>
        {
            var released = batch.Command("UPDATE aq_datasets SET owner = NULL, lease_expires_at = NULL WHERE owner = @owner")
                .With("@owner", owner).ExecuteNonQuery();
            if (released > 0)
            {
                batch.AfterCommit(() => Signals.NotifyDatasetWork());
            }
            return released;
        }, cancellationToken);

    public Task<DatasetStatus> CommitDatasetBatchAsync(DatasetLease lease, DatasetBatch commit, TimeSpan leaseFor, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(batch =>
        {
            var now = _time.GetUtcNow();
            // The fence first: owner, epoch and checkpoint in one statement. If it matches no row, throwing
            // rolls this operation's savepoint back and nothing below is written.
            long datasetSeq;
            DatasetStatus status;
            using (var reader = batch.Command("""
                UPDATE aq_datasets
                   SET rows_processed = @to, state = @state, updated_at = @now,
                       error_count = error_count + @skipped,
                       failed_seq = @failed_seq, failure = @failure,
                       status = CASE WHEN @failed_seq IS NOT NULL THEN 'failed'
                                     WHEN sealed = 1 AND rows_received = @to THEN 'completed'
                                     ELSE status END,
                       owner = CASE WHEN @failed_seq IS NOT NULL OR (sealed = 1 AND rows_received = @to) THEN NULL ELSE owner END,
                       lease_expires_at = CASE WHEN @failed_seq IS NOT NULL OR (sealed = 1 AND rows_received = @to) THEN NULL ELSE @expires END
                 WHERE id = @id AND owner = @owner AND epoch = @epoch AND rows_processed = @from AND status IN ('open', 'sealed')
                RETURNING seq, status
                """).With("@id", lease.DatasetId).With("@owner", lease.Owner).With("@epoch", lease.Epoch)
                .With("@from", commit.FromSeq).With("@to", commit.ToSeq).With("@state", commit.StateJson)
                .With("@skipped", commit.Skipped.Count).With("@failed_seq", commit.Failure?.Seq).With("@failure", commit.Failure?.Message)
                .With("@now", SqliteJobRows.ToMs(now)).With("@expires", SqliteJobRows.ToMs(now + leaseFor)).ExecuteReader())
            {
                if (!reader.Read())
                {
                    throw new DatasetLeaseLostException(lease.DatasetId, lease.Epoch);
                }
                datasetSeq = reader.GetInt64(0);
                status = DatasetWords.ParseStatus(reader.GetString(1));
            }
            var insertResult = batch.Command("INSERT INTO aq_dataset_results (dataset_seq, seq, output) VALUES (@d, @seq, @output)").With("@d", datasetSeq);
            foreach (var result in commit.Results)
            {
                insertResult.With("@seq", result.Seq).With("@output", result.Json).ExecuteNonQuery();
            }
            var insertError = batch.Command("INSERT INTO aq_dataset_errors (dataset_seq, seq, message) VALUES (@d, @seq, @message)").With("@d", datasetSeq);
            foreach (var error in commit.Skipped)
            {
                insertError.With("@seq", error.Seq).With("@message", error.Message).ExecuteNonQuery();
            }
            batch.AfterCommit(() => Signals.NotifyDatasetProgress(lease.DatasetId));
            return status;
        }, cancellationToken, multiStatement: true);

    public async Task<IReadOnlyDictionary<string, int>> CountDatasetsByOwnerAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT owner, COUNT(*) FROM aq_datasets WHERE owner IS NOT NULL AND lease_expires_at > @now GROUP BY owner";
        command.With("@now", SqliteJobRows.ToMs(_time.GetUtcNow()));
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }
        return counts;
    }
}
