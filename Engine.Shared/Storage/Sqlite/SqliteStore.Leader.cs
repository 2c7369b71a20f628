using ActorQueue.Cluster;

namespace ActorQueue.Storage.Sqlite;

internal sealed partial class SqliteStore
{
    public ILeaderLock CreateLeaderLock() => new SqliteLeaderLock();

    public Task RecordLeaderAsync(string nodeId, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(batch => batch.Command("""
            INSERT INTO aq_leader (id, node_id, since) VALUES (1, @node, @now)
            ON CONFLICT (id) DO UPDATE SET node_id = excluded.node_id, since = excluded.since
            """).With("@node", nodeId).With("@now", SqliteJobRows.ToMs(Now)).ExecuteNonQuery(), cancellationToken);

    public async Task<string?> GetLeaderAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT node_id FROM aq_leader WHERE id = 1";
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
