using System.Text.Json;
using ActorQueue.Cluster;
using Npgsql;

namespace ActorQueue.Storage.Postgres;

internal sealed partial class PostgresStore
{
    public async Task UpsertNodeAsync(NodeRecord node, CancellationToken cancellationToken)
    {
        var queues = JsonSerializer.Serialize(new Dictionary<string, int>(node.Queues), StorageJsonContext.Default.DictionaryStringInt32);
        var kinds = JsonSerializer.Serialize(new Dictionary<string, string>(node.Kinds), StorageJsonContext.Default.DictionaryStringString);
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO aq_nodes (id, name, role, address, status, queues, kinds, models, started_at, heartbeat_at)
            VALUES (@id, @name, @role, @address, @status, @queues::jsonb, @kinds::jsonb, @models::jsonb, @started, @heartbeat)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, address = excluded.address,
                status = excluded.status, queues = excluded.queues, kinds = excluded.kinds, models = excluded.models,
                heartbeat_at = excluded.heartbeat_at
            """);
        command.Parameters
            .With("id", node.Id)
            .With("name", node.Name)
            .With("role", ToWire(node.Role))
            .With("address", node.Address)
            .With("status", ToWire(node.Status))
            .With("queues", queues)
            .With("kinds", kinds)
            .With("models", ModelsJson(node.Models))
            .With("started", PostgresJobRows.Truncate(node.StartedAt))
            .With("heartbeat", PostgresJobRows.Truncate(node.HeartbeatAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<NodeStatus?> HeartbeatAsync(string nodeId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            UPDATE aq_nodes SET heartbeat_at = @now, status = CASE WHEN status = 'unreachable' THEN 'up' ELSE status END
             WHERE id = @id
            RETURNING status
            """);
        command.Parameters.With("now", Now).With("id", nodeId);
        return await command.ExecuteScalarAsync(cancellationToken) is string status ? ParseStatus(status) : null;
    }

    public async Task<IReadOnlyList<NodeRecord>> MarkSilentMembersAsync(DateTimeOffset unreachableBefore, DateTimeOffset downBefore, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"""
            UPDATE aq_nodes
               SET status = CASE WHEN heartbeat_at < @down THEN 'down' ELSE 'unreachable' END
             WHERE (status IN ('up', 'unreachable', 'leaving') AND heartbeat_at < @down)
                OR (status = 'up' AND heartbeat_at < @unreachable)
            RETURNING {NodeColumns}
            """);
        command.Parameters.With("down", PostgresJobRows.Truncate(downBefore)).With("unreachable", PostgresJobRows.Truncate(unreachableBefore));
        return await ReadNodesAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, int>> CountRunningByNodeAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT node_id, COUNT(*)::int FROM aq_jobs WHERE state = 'running' GROUP BY node_id");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }
        return counts;
    }

    public ILeaderLock CreateLeaderLock() => new PostgresLeaderLock(_settings);

    public async Task RecordLeaderAsync(string nodeId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO aq_leader (id, node_id, since) VALUES (1, @node, @now)
            ON CONFLICT (id) DO UPDATE SET node_id = excluded.node_id, since = excluded.since
            """);
        command.Parameters.With("node", nodeId).With("now", Now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<string?> GetLeaderAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT node_id FROM aq_leader WHERE id = 1");
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task SetNodeStatusAsync(string nodeId, NodeStatus status, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("UPDATE aq_nodes SET status = @status WHERE id = @id");
        command.Parameters.With("status", ToWire(status)).With("id", nodeId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SetNodeCapabilitiesAsync(string nodeId, IReadOnlyDictionary<string, int> queues, IReadOnlyDictionary<string, string> kinds, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("UPDATE aq_nodes SET queues = @queues::jsonb, kinds = @kinds::jsonb WHERE id = @id");
        command.Parameters
            .With("queues", JsonSerializer.Serialize(new Dictionary<string, int>(queues), StorageJsonContext.Default.DictionaryStringInt32))
            .With("kinds", JsonSerializer.Serialize(new Dictionary<string, string>(kinds), StorageJsonContext.Default.DictionaryStringString))
            .With("id", nodeId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SetNodeModelsAsync(string nodeId, IReadOnlyList<ModelRecord> models, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("UPDATE aq_nodes SET models = @models::jsonb WHERE id = @id");
        command.Parameters.With("models", ModelsJson(models)).With("id", nodeId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string ModelsJson(IReadOnlyList<ModelRecord> models) =>
        JsonSerializer.Serialize(models.ToList(), StorageJsonContext.Default.ListModelRecord);

    public async Task<int> MarkOtherNodesDownAsync(string selfId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("UPDATE aq_nodes SET status = 'down' WHERE id <> @id AND status NOT IN ('down', 'left')");
        command.Parameters.With("id", selfId);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<NodeRecord>> ListNodesAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {NodeColumns} FROM aq_nodes ORDER BY started_at");
        return await ReadNodesAsync(command, cancellationToken);
    }

    private const string NodeColumns = "id, name, role, address, status, queues, started_at, heartbeat_at, kinds, models";

    private static async Task<IReadOnlyList<NodeRecord>> ReadNodesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
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
                Status = ParseStatus(reader.GetString(4)),
                Queues = JsonSerializer.Deserialize(reader.GetString(5), StorageJsonContext.Default.DictionaryStringInt32) ?? [],
                StartedAt = PostgresJobRows.Time(reader, 6),
                HeartbeatAt = PostgresJobRows.Time(reader, 7),
                Kinds = JsonSerializer.Deserialize(reader.GetString(8), StorageJsonContext.Default.DictionaryStringString) ?? [],
                Models = JsonSerializer.Deserialize(reader.GetString(9), StorageJsonContext.Default.ListModelRecord) ?? [],
            });
        }
        return nodes;
    }

    private static NodeStatus ParseStatus(string status) => Enum.Parse<NodeStatus>(status, ignoreCase: true);

    private static string ToWire(NodeRole role) => role.ToString().ToLowerInvariant();

    private static string ToWire(NodeStatus status) => status.ToString().ToLowerInvariant();
}
