using System.Text.Json;
using ActorQueue.Cluster;

namespace ActorQueue.Storage.Postgres;

internal sealed partial class PostgresStore
{
    public async Task UpsertNodeAsync(NodeRecord node, CancellationToken cancellationToken)
    {
        var queues = JsonSerializer.Serialize(new Dictionary<string, int>(node.Queues), StorageJsonContext.Default.DictionaryStringInt32);
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO aq_nodes (id, name, role, address, status, queues, started_at, heartbeat_at)
            VALUES (@id, @name, @role, @address, @status, @queues::jsonb, @started, @heartbeat)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, address = excluded.address,
                status = excluded.status, queues = excluded.queues, heartbeat_at = excluded.heartbeat_at
            """);
        command.Parameters
            .With("id", node.Id)
            .With("name", node.Name)
            .With("role", ToWire(node.Role))
            .With("address", node.Address)
            .With("status", ToWire(node.Status))
            .With("queues", queues)
            .With("started", PostgresJobRows.Truncate(node.StartedAt))
            .With("heartbeat", PostgresJobRows.Truncate(node.HeartbeatAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task HeartbeatAsync(string nodeId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("UPDATE aq_nodes SET heartbeat_at = @now WHERE id = @id");
        command.Parameters.With("now", Now).With("id", nodeId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SetNodeStatusAsync(string nodeId, NodeStatus status, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("UPDATE aq_nodes SET status = @status WHERE id = @id");
        command.Parameters.With("status", ToWire(status)).With("id", nodeId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> MarkOtherNodesDownAsync(string selfId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("UPDATE aq_nodes SET status = 'down' WHERE id <> @id AND status NOT IN ('down', 'left')");
        command.Parameters.With("id", selfId);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<NodeRecord>> ListNodesAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT id, name, role, address, status, queues, started_at, heartbeat_at FROM aq_nodes ORDER BY started_at");
        var nodes = new List<NodeRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            nodes.Add(new NodeRecord
            {
                Id = reader.GetString(0),
                Name = reader.GetString(1),
                Role = Enum.Parse<NodeRole>(reader.GetString(2), ignoreCase: true),
                Address = reader.IsDBNull(3) ? null : reader.GetString(3),
                Status = Enum.Parse<NodeStatus>(reader.GetString(4), ignoreCase: true),
                Queues = JsonSerializer.Deserialize(reader.GetString(5), StorageJsonContext.Default.DictionaryStringInt32) ?? [],
                StartedAt = PostgresJobRows.Time(reader, 6),
                HeartbeatAt = PostgresJobRows.Time(reader, 7),
            });
        }
        return nodes;
    }

    private static string ToWire(NodeRole role) => role.ToString().ToLowerInvariant();

    private static string ToWire(NodeStatus status) => status.ToString().ToLowerInvariant();
}
