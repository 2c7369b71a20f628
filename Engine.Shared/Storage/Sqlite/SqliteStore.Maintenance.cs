namespace ActorQueue.Storage.Sqlite;

internal sealed partial class SqliteStore
{
    // Liveness-based: a running job is rescued only when its lease lapsed (its node stopped renewing),
    // its node is known to be down or was fenced — never because it has been running for long. (A fence
    // rescues its node's jobs itself; this is the safety net.)
    private const string RescueSql = """
        UPDATE aq_jobs
           SET state = CASE WHEN cancel_requested = 1 THEN 'cancelled'
                            WHEN attempt >= max_attempts THEN 'discarded'
                            ELSE 'available' END,
               completed_at = CASE WHEN cancel_requested = 1 OR attempt >= max_attempts THEN @now ELSE NULL END,
               lease_expires_at = NULL,
               errors = json_insert(errors, '$[#]', json_object(
                   'attempt', attempt, 'node', node_id, 'at', @at,
                   'message', 'rescued: the node running this attempt stopped (lease expired, node down or removed from the cluster)'))
         WHERE state = 'running'
           AND (lease_expires_at < @now
                OR node_id IN (SELECT node_id FROM aq_fenced_nodes))
        RETURNING id, queue, state, attempt
        """;

    private const string PromoteSql = """
        UPDATE aq_jobs SET state = 'available'
         WHERE state IN ('scheduled', 'retryable') AND scheduled_at <= @now
        RETURNING id, queue, state, attempt
        """;

    public Task<int> RescueAsync(CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(batch =>
        {
            var now = Now;
            using var reader = batch.Command(RescueSql).With("@now", SqliteJobRows.ToMs(now)).With("@at", SqliteJobRows.ToIso(now)).ExecuteReader();
            var changes = ReadChanges(reader, now);
            batch.AfterCommit(() => NotifyAll(changes));
            return changes.Count;
        }, cancellationToken);

    public Task<int> PromoteDueAsync(CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(batch =>
        {
            var now = Now;
            using var reader = batch.Command(PromoteSql).With("@now", SqliteJobRows.ToMs(now)).ExecuteReader();
            var changes = ReadChanges(reader, now);
            batch.AfterCommit(() => NotifyAll(changes));
            return changes.Count;
        }, cancellationToken);

    public async Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(scheduled_at) FROM aq_jobs WHERE state IN ('scheduled', 'retryable')";
        return await command.ExecuteScalarAsync(cancellationToken) is long ms ? SqliteJobRows.FromMs(ms) : null;
    }

    public Task<int> PruneAsync(DateTimeOffset completedBefore, DateTimeOffset discardedBefore, int max, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(batch =>
        {
            _recentUploads.Forget(); // their blobs go with the pruned jobs
            // Oldest first in seq order (there is deliberately no index on completed jobs, see V001).
            var pruned = batch.Command("""
                DELETE FROM aq_jobs WHERE seq IN (
                    SELECT seq FROM aq_jobs WHERE state IN ('completed', 'cancelled') AND completed_at < @before ORDER BY seq LIMIT @max)
                """).With("@before", SqliteJobRows.ToMs(completedBefore)).With("@max", max).ExecuteNonQuery();
            pruned += batch.Command("""
                DELETE FROM aq_jobs WHERE seq IN (
                    SELECT seq FROM aq_jobs WHERE state = 'discarded' AND completed_at < @before ORDER BY seq LIMIT @max)
                """).With("@before", SqliteJobRows.ToMs(discardedBefore)).With("@max", max).ExecuteNonQuery();
            // Tombstones of fenced nodes: their ids are incarnation ids, never reused.
            batch.Command("DELETE FROM aq_fenced_nodes WHERE fenced_at < @before").With("@before", SqliteJobRows.ToMs(discardedBefore)).ExecuteNonQuery();
            return pruned;
        }, cancellationToken, multiStatement: true);
}
