namespace ActorQueue.Storage.Postgres;

internal sealed partial class PostgresStore
{
    // Liveness-based: a running job is rescued only when its lease lapsed (its node stopped renewing),
    // its node is known to be down or was fenced — never because it has been running for long. (A fence
    // rescues its node's jobs itself; this is the safety net.) The lost attempt
    // counts: on the last one the job is discarded, and a job asked to cancel is cancelled.
    private const string RescueSql = """
        UPDATE aq_jobs
           SET state = CASE WHEN cancel_requested THEN 'cancelled'
                            WHEN attempt >= max_attempts THEN 'discarded'
                            ELSE 'available' END,
               completed_at = CASE WHEN cancel_requested OR attempt >= max_attempts THEN @now END,
               lease_expires_at = NULL,
               errors = errors || jsonb_build_array(jsonb_build_object(
                   'attempt', attempt, 'node', node_id, 'at', @at_iso::text,
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

    // Oldest first in seq order (there is deliberately no index on finished jobs, see V001).
    private const string PruneSql = """
        WITH completed AS (
            DELETE FROM aq_jobs WHERE seq IN (
                SELECT seq FROM aq_jobs WHERE state IN ('completed', 'cancelled') AND completed_at < @completed_before ORDER BY seq LIMIT @max)
            RETURNING 1
        ), discarded AS (
            DELETE FROM aq_jobs WHERE seq IN (
                SELECT seq FROM aq_jobs WHERE state = 'discarded' AND completed_at < @discarded_before ORDER BY seq LIMIT @max)
            RETURNING 1
        ), tombstones AS (
            -- Tombstones of fenced nodes: their ids are incarnation ids, never reused. Not counted.
            DELETE FROM aq_fenced_nodes WHERE fenced_at < @discarded_before
        )
        SELECT (SELECT count(*)::integer FROM completed) + (SELECT count(*)::integer FROM discarded)
        """;

    public Task<int> RescueAsync(CancellationToken cancellationToken) => ChangeAsync(RescueSql, _ => { }, cancellationToken);

    public Task<int> PromoteDueAsync(CancellationToken cancellationToken) => ChangeAsync(PromoteSql, _ => { }, cancellationToken);

    public async Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT min(scheduled_at) FROM aq_jobs WHERE state IN ('scheduled', 'retryable')");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return PostgresJobRows.NullableTime(reader, 0);
    }

    public async Task<int> PruneAsync(DateTimeOffset completedBefore, DateTimeOffset discardedBefore, int max, CancellationToken cancellationToken)
    {
        _recentUploads.Forget(); // their blobs go with the pruned jobs
        await using var command = _dataSource.CreateCommand(PruneSql);
        command.Parameters
            .With("completed_before", PostgresJobRows.Truncate(completedBefore))
            .With("discarded_before", PostgresJobRows.Truncate(discardedBefore))
            .With("max", max);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
