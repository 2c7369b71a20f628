using Npgsql;

namespace ActorQueue.Storage.Postgres;

/// <summary>
/// Fenced members. A tombstone check inside the claim statement is not enough under READ COMMITTED: a
/// claim whose snapshot was taken before the fence committed does not see the tombstone, and the fence's
/// rescue, whose snapshot was taken before that claim committed, does not see the claimed rows (they were
/// still available to it, and SKIP LOCKED means neither waits for the other), so the claim would commit
/// after the fence and leave jobs running on a fenced node. So claims and fences of one node serialize on
/// a transaction-scoped advisory lock on the node id: every claim takes it SHARED (claims of a node never
/// wait for each other), a fence EXCLUSIVE, each in its own statement BEFORE the statements that read, so
/// that those take their snapshots after the lock is granted. A fence therefore waits for the claims in
/// flight and then rescues what they took; a claim that waited for a fence then sees its tombstone. The
/// lock is the first statement of a claim, before any row lock, so it cannot close a deadlock cycle.
/// </summary>
internal sealed partial class PostgresStore
{
    // The advisory lock class of node fences ("AQFD"), with hashtext(node id) as the second key. The two-key
    // form is a namespace of its own, apart from the single-key migration and leader locks; a hash collision
    // only makes two nodes' claims and fences wait for each other.
    private const int FenceLockClass = 0x4151_4644;

    private const string ClaimFenceLockSql = "SELECT pg_advisory_xact_lock_shared(@class, hashtext(@node))";

    private const string FenceSelectSql = "SELECT fenced_at, reason FROM aq_fenced_nodes WHERE node_id = @node";

    private const string FenceLockSql = "SELECT pg_advisory_xact_lock(@class, hashtext(@node))";

    // Runs after FenceLockSql, so its snapshot includes every claim of the node that committed. The
    // tombstone insert and the rescue share that statement (and the transaction). The rescue is RescueSql
    // for one node's running jobs whatever their lease.
    private const string FenceSql = """
        WITH fenced AS (
            INSERT INTO aq_fenced_nodes (node_id, fenced_at, reason) VALUES (@node, @now, @reason)
            ON CONFLICT (node_id) DO NOTHING
        )
        UPDATE aq_jobs
           SET state = CASE WHEN cancel_requested THEN 'cancelled'
                            WHEN attempt >= max_attempts THEN 'discarded'
                            ELSE 'available' END,
               completed_at = CASE WHEN cancel_requested OR attempt >= max_attempts THEN @now END,
               lease_expires_at = NULL,
               errors = errors || jsonb_build_array(jsonb_build_object(
                   'attempt', attempt, 'node', node_id, 'at', @at_iso::text, 'message', @message::text))
         WHERE state = 'running' AND node_id = @node
        RETURNING id, queue, state, attempt
        """;

    public async Task<int> FenceNodeAsync(string nodeId, string reason, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await FenceOnceAsync(nodeId, reason, cancellationToken);
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < DeadlockRetries)
            {
                // The rescue and a finish of the same jobs locked rows in opposite orders; rolled back as a
                // whole, and fencing is idempotent, so it runs again.
            }
        }
    }

    private async Task<int> FenceOnceAsync(string nodeId, string reason, CancellationToken cancellationToken)
    {
        var now = Now;
        List<JobChange> changes;
        await using (var batch = _dataSource.CreateBatch())
        {
            var lockCommand = new NpgsqlBatchCommand(FenceLockSql);
            lockCommand.Parameters.With("class", FenceLockClass).With("node", nodeId);
            batch.BatchCommands.Add(lockCommand);
            var fence = new NpgsqlBatchCommand(FenceSql);
            fence.Parameters
                .With("node", nodeId)
                .With("now", now)
                .With("reason", reason)
                .With("at_iso", PostgresJobRows.ToIso(now))
                .With("message", NodeFence.RescueMessage(nodeId, reason));
            batch.BatchCommands.Add(fence);

            // One implicit transaction: the lock is held until the tombstone and the rescue commit (when the
            // reader is disposed, before the signals are raised).
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            changes = await ReadChangesAsync(reader, now, cancellationToken);
        }
        AfterCommit(() => NotifyAll(changes));
        return changes.Count;
    }

    /// <summary>The lock and the tombstone check that come first in a claim's transaction (see the class comment).</summary>
    private static void AddClaimFenceCommands(NpgsqlBatch batch, string nodeId)
    {
        var lockCommand = new NpgsqlBatchCommand(ClaimFenceLockSql);
        lockCommand.Parameters.With("class", FenceLockClass).With("node", nodeId);
        batch.BatchCommands.Add(lockCommand);
        batch.BatchCommands.Add(FenceSelectCommand(nodeId));
    }

    /// <summary>Reads the results of <see cref="AddClaimFenceCommands"/> and moves on to the next command's.</summary>
    private static async Task<NodeFence?> ReadClaimFenceAsync(NpgsqlDataReader reader, string nodeId, CancellationToken cancellationToken)
    {
        await reader.NextResultAsync(cancellationToken); // past the lock
        var fence = await ReadFenceAsync(reader, nodeId, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        return fence;
    }

    private static NpgsqlBatchCommand FenceSelectCommand(string nodeId)
    {
        var command = new NpgsqlBatchCommand(FenceSelectSql);
        command.Parameters.With("node", nodeId);
        return command;
    }

    private static async Task<NodeFence?> ReadFenceAsync(NpgsqlDataReader reader, string nodeId, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken)
            ? new NodeFence(nodeId, PostgresJobRows.Time(reader, 0), reader.GetString(1))
            : null;
}
