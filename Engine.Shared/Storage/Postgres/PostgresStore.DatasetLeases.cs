using ActorQueue.Datasets;
using Npgsql;

namespace ActorQueue.Storage.Postgres;

/// <summary>
/// Dataset leases and batch commits. Owners are separate processes here, so the fencing is what keeps a
/// dataset single-writer: every statement that acts for an owner names its owner and epoch, and an
/// acquisition bumps the epoch, so a paused owner whose lease was taken over matches no row any more.
/// Concurrent statements on one dataset serialize on its row lock and re-check their conditions on the
/// version the other one committed (READ COMMITTED), so two acquisitions never both succeed.
/// </summary>
internal sealed partial class PostgresStore
{
    private const string AcquireSql = $"""
        UPDATE aq_datasets
           SET owner = @owner, epoch = epoch + 1, lease_expires_at = @expires
         WHERE id = @id AND status IN ('open', 'sealed')
           AND (owner IS NULL OR owner = @owner OR lease_expires_at IS NULL OR lease_expires_at <= @now)
        RETURNING {DatasetRows.LeaseColumns}
        """;

    private const string RenewDatasetSql = """
        UPDATE aq_datasets SET lease_expires_at = @expires
         WHERE id = @id AND owner = @owner AND epoch = @epoch AND status IN ('open', 'sealed')
        """;

    // A whole batch in ONE statement, so one round trip and one transaction: the fence (owner, epoch and
    // the checkpoint the batch started from) is the UPDATE, and the results and errors are inserted only
    // for the row it returns. When the fence matches nothing, the inserts get no rows and nothing is written.
    private const string CommitBatchSql = """
        WITH fenced AS (
            UPDATE aq_datasets
               SET rows_processed = @to, state = @state, updated_at = @now,
                   error_count = error_count + @skipped,
                   failed_seq = @failed_seq::bigint, failure = @failure::text,
                   status = CASE WHEN @failing THEN 'failed'
                                 WHEN sealed AND rows_received = @to THEN 'completed'
                                 ELSE status END,
                   owner = CASE WHEN @failing OR (sealed AND rows_received = @to) THEN NULL ELSE owner END,
                   lease_expires_at = CASE WHEN @failing OR (sealed AND rows_received = @to) THEN NULL ELSE @expires END
             WHERE id = @id AND owner = @owner AND epoch = @epoch AND rows_processed = @from AND status IN ('open', 'sealed')
            RETURNING seq, status
        ), results AS (
            INSERT INTO aq_dataset_results (dataset_seq, seq, output)
            SELECT f.seq, r.seq, r.output FROM fenced f CROSS JOIN unnest(@result_seqs::bigint[], @outputs::text[]) AS r(seq, output)
        ), errors AS (
            INSERT INTO aq_dataset_errors (dataset_seq, seq, message)
            SELECT f.seq, e.seq, e.message FROM fenced f CROSS JOIN unnest(@error_seqs::bigint[], @messages::text[]) AS e(seq, message)
        )
        SELECT status FROM fenced
        """;

    public async Task<IReadOnlyList<DatasetWork>> ListDatasetWorkAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(DatasetRows.WorkQuery);
        command.Parameters.With("now", Ms(_time.GetUtcNow()));
        return await ReadAllAsync(command, DatasetRows.ReadWork, cancellationToken);
    }

    public async Task<DatasetLease?> TryAcquireDatasetAsync(string id, string owner, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        await using var command = _dataSource.CreateCommand(AcquireSql);
        command.Parameters.With("id", id).With("owner", owner).With("now", Ms(now)).With("expires", Ms(now + leaseFor));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? DatasetRows.ReadLease(reader, id, owner) : null;
    }

    public async Task<bool> RenewDatasetLeaseAsync(DatasetLease lease, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(RenewDatasetSql);
        command.Parameters.With("id", lease.DatasetId).With("owner", lease.Owner).With("epoch", lease.Epoch)
            .With("expires", Ms(_time.GetUtcNow() + leaseFor));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    // Another region may be waiting for this dataset (a hand-off).
    public Task ReleaseDatasetLeaseAsync(DatasetLease lease, CancellationToken cancellationToken) =>
        ChangeDatasetsAsync(
            "UPDATE aq_datasets SET owner = NULL, lease_expires_at = NULL WHERE id = @id AND owner = @owner AND epoch = @epoch",
            parameters => parameters.With("id", lease.DatasetId).With("owner", lease.Owner).With("epoch", lease.Epoch),
            cancellationToken);

    public Task<int> ReleaseDatasetLeasesOfAsync(string owner, CancellationToken cancellationToken) =>
        ChangeDatasetsAsync(
            "UPDATE aq_datasets SET owner = NULL, lease_expires_at = NULL WHERE owner = @owner",
            parameters => parameters.With("owner", owner),
            cancellationToken);

    public async Task<DatasetStatus> CommitDatasetBatchAsync(DatasetLease lease, DatasetBatch commit, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        DatasetStatus? status = null;
        await using (var command = _dataSource.CreateCommand(CommitBatchSql))
        {
            command.Parameters
                .With("id", lease.DatasetId)
                .With("owner", lease.Owner)
                .With("epoch", lease.Epoch)
                .With("from", commit.FromSeq)
                .With("to", commit.ToSeq)
                .With("state", commit.StateJson)
                .With("skipped", commit.Skipped.Count)
                .With("failing", commit.Failure is not null)
                .With("failed_seq", commit.Failure?.Seq)
                .With("failure", commit.Failure?.Message)
                .With("now", Ms(now))
                .With("expires", Ms(now + leaseFor))
                .With("result_seqs", commit.Results.Select(r => r.Seq).ToArray())
                .With("outputs", commit.Results.Select(r => r.Json).ToArray())
                .With("error_seqs", commit.Skipped.Select(e => e.Seq).ToArray())
                .With("messages", commit.Skipped.Select(e => e.Message).ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                status = DatasetWords.ParseStatus(reader.GetString(0));
            }
        }
        if (status is not { } committed)
        {
            throw new DatasetLeaseLostException(lease.DatasetId, lease.Epoch);
        }
        AfterCommit(() => Signals.NotifyDatasetProgress(lease.DatasetId));
        return committed;
    }

    public async Task<IReadOnlyDictionary<string, int>> CountDatasetsByOwnerAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT owner, count(*)::integer FROM aq_datasets WHERE owner IS NOT NULL AND lease_expires_at > @now GROUP BY owner");
        command.Parameters.With("now", Ms(_time.GetUtcNow()));
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }
        return counts;
    }

    /// <summary>
    /// Runs <paramref name="update"/> (an UPDATE of aq_datasets) and, once it has committed a change, wakes
    /// the shard regions. Answers how many datasets it changed.
    /// </summary>
    private async Task<int> ChangeDatasetsAsync(string update, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
        int changed;
        await using (var command = _dataSource.CreateCommand(update))
        {
            bind(command.Parameters);
            command.Parameters.With("now", Ms(Now));
            changed = await command.ExecuteNonQueryAsync(cancellationToken);
        }
        if (changed > 0)
        {
            AfterCommit(Signals.NotifyDatasetWork);
        }
        return changed;
    }
}
