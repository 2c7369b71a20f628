namespace ActorQueue.Storage.Sqlite;

internal sealed partial class SqliteStore
{
    // The tombstone and the rescue are one operation of the single writer, so they commit together, and
    // every claim (which checks the tombstone first, in the same writer) runs wholly before or after them.
    private const string FenceInsertSql = """
        INSERT INTO aq_fenced_nodes (node_id, fenced_at, reason) VALUES (@node, @now, @reason)
        ON CONFLICT (node_id) DO NOTHING
        """;

    // As RescueSql, for one node's running jobs whatever their lease.
    private const string FenceRescueSql = """
        UPDATE aq_jobs
           SET state = CASE WHEN cancel_requested = 1 THEN 'cancelled'
                            WHEN attempt >= max_attempts THEN 'discarded'
                            ELSE 'available' END,
               completed_at = CASE WHEN cancel_requested = 1 OR attempt >= max_attempts THEN @now ELSE NULL END,
               lease_expires_at = NULL,
               errors = json_insert(errors, '$[#]', json_object('attempt', attempt, 'node', node_id, 'at', @at, 'message', @message))
         WHERE state = 'running' AND node_id = @node
        RETURNING id, queue, state, attempt
        """;

    private const string FenceSelectSql = "SELECT fenced_at, reason FROM aq_fenced_nodes WHERE node_id = @node";

    public Task<int> FenceNodeAsync(string nodeId, string reason, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(batch =>
        {
            var now = Now;
            batch.Command(FenceInsertSql).With("@node", nodeId).With("@now", SqliteJobRows.ToMs(now)).With("@reason", reason).ExecuteNonQuery();
            List<JobChange> changes;
            using (var reader = batch.Command(FenceRescueSql)
                .With("@now", SqliteJobRows.ToMs(now))
                .With("@at", SqliteJobRows.ToIso(now))
                .With("@message", NodeFence.RescueMessage(nodeId, reason))
                .With("@node", nodeId)
                .ExecuteReader())
            {
                changes = ReadChanges(reader, now);
            }
            batch.AfterCommit(() => NotifyAll(changes));
            return changes.Count;
        }, cancellationToken, multiStatement: true);

    /// <summary>The node's tombstone, if it was fenced; read inside the writer's transaction.</summary>
    private static NodeFence? ReadFence(SqliteWriteBatch batch, string nodeId)
    {
        using var reader = batch.Command(FenceSelectSql).With("@node", nodeId).ExecuteReader();
        return reader.Read() ? new NodeFence(nodeId, SqliteJobRows.FromMs(reader.GetInt64(0)), reader.GetString(1)) : null;
    }
}
