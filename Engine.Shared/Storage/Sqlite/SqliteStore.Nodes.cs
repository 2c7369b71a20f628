using System.Text.Json;
using ActorQueue.Cluster;
using Microsoft.Data.Sqlite;

namespace ActorQueue.Storage.Sqlite;

internal sealed partial class SqliteStore
{
    public Task UpsertNodeAsync(NodeRecord node, CancellationToken cancellationToken)
    {
        var queues = JsonSerializer.Serialize(new Dictionary<string, int>(node.Queues), StorageJsonContext.Default.DictionaryStringInt32);
        var kinds = JsonSerializer.Serialize(new Dictionary<string, string>(node.Kinds), StorageJsonContext.Default.DictionaryStringString);
        var models = ModelsJson(node.Models);
        return _writer.ExecuteAsync(batch => batch.Command("""
            INSERT INTO aq_nodes (id, name, role, address, status, queues, kinds, models, started_at, heartbeat_at)
            VALUES (@id, @name, @role, @address, @status, @queues, @kinds, @models, @started, @heartbeat)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, address = excluded.address,
                status = excluded.status, queues = excluded.queues, kinds = excluded.kinds, models = excluded.models,
                heartbeat_at = excluded.heartbeat_at
            """)
            .With("@id", node.Id)
            .With("@name", node.Name)
            .With("@role", ToWire(node.Role))
            .With("@address", node.Address)
            .With("@status", ToWire(node.Status))
            .With("@queues", queues)
            .With("@kinds", kinds)
            .With("@models", models)
            .With("@started", SqliteJobRows.ToMs(node.StartedAt))
            .With("@heartbeat", SqliteJobRows.ToMs(node.HeartbeatAt))
            .ExecuteNonQuery(), cancellationToken);
    }

    public Task<NodeStatus?> HeartbeatAsync(string nodeId, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync<NodeStatus?>(batch =>
        {
            batch.Command("""
                UPDATE aq_nodes SET heartbeat_at = @now, status = CASE WHEN status = 'unreachable' THEN 'up' ELSE status END
                 WHERE id = @id
                """).With("@now", SqliteJobRows.ToMs(Now)).With("@id", nodeId).ExecuteNonQuery();
            return batch.Command("SELECT status FROM aq_nodes WHERE id = @id").With("@id", nodeId).ExecuteScalar() is string status
                ? ParseStatus(status)
                : null;
        }, cancellationToken);

    public Task<IReadOnlyList<NodeRecord>> MarkSilentMembersAsync(DateTimeOffset unreachableBefore, DateTimeOffset downBefore, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync<IReadOnlyList<NodeRecord>>(batch =>
        {
            var changed = new List<string>();
            using (var reader = batch.Command("""
                UPDATE aq_nodes
                   SET status = CASE WHEN heartbeat_at < @down THEN 'down' ELSE 'unreachable' END
                 WHERE (status IN ('up', 'unreachable', 'leaving') AND heartbeat_at < @down)
                    OR (status = 'up' AND heartbeat_at < @unreachable)
                RETURNING id
                """).With("@down", SqliteJobRows.ToMs(downBefore)).With("@unreachable", SqliteJobRows.ToMs(unreachableBefore)).ExecuteReader())
            {
                while (reader.Read())
                {
                    changed.Add(reader.GetString(0));
                }
            }
            return changed.Select(id => ReadNode(batch, id)).OfType<NodeRecord>().ToList();
        }, cancellationToken);

    public async Task<IReadOnlyDictionary<string, int>> CountRunningByNodeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT node_id, COUNT(*) FROM aq_jobs WHERE state = 'running' GROUP BY node_id";
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }
        return counts;
    }

    public Task SetNodeStatusAsync(string nodeId, NodeStatus status, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(batch => batch.Command("UPDATE aq_nodes SET status = @status WHERE id = @id")
            .With("@status", ToWire(status)).With("@id", nodeId).ExecuteNonQuery(), cancellationToken);

    public Task SetNodeCapabilitiesAsync(string nodeId, IReadOnlyDictionary<string, int> queues, IReadOnlyDictionary<string, string> kinds, CancellationToken cancellationToken)
    {
        var queuesJson = JsonSerializer.Serialize(new Dictionary<string, int>(queues), StorageJsonContext.Default.DictionaryStringInt32);
        var kindsJson = JsonSerializer.Serialize(new Dictionary<string, string>(kinds), StorageJsonContext.Default.DictionaryStringString);
        return _writer.ExecuteAsync(batch => batch.Command("UPDATE aq_nodes SET queues = @queues, kinds = @kinds WHERE id = @id")
            .With("@queues", queuesJson).With("@kinds", kindsJson).With("@id", nodeId).ExecuteNonQuery(), cancellationToken);
    }

    public Task SetNodeModelsAsync(string nodeId, IReadOnlyList<ModelRecord> models, CancellationToken cancellationToken)
    {
        var json = ModelsJson(models);
        return _writer.ExecuteAsync(batch => batch.Command("UPDATE aq_nodes SET models = @models WHERE id = @id")
            .With("@models", json).With("@id", nodeId).ExecuteNonQuery(), cancellationToken);
    }

    private static string ModelsJson(IReadOnlyList<ModelRecord> models) =>
        JsonSerializer.Serialize(models.ToList(), StorageJsonContext.Default.ListModelRecord);

    public Task<int> MarkOtherNodesDownAsync(string selfId, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(batch => batch.Command("UPDATE aq_nodes SET status = 'down' WHERE id <> @id AND status NOT IN ('down', 'left')")
            .With("@id", selfId).ExecuteNonQuery(), cancellationToken);

    public async Task<IReadOnlyList<NodeRecord>> ListNodesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {NodeColumns} FROM aq_nodes ORDER BY started_at";
        var nodes = new List<NodeRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            nodes.Add(ReadNode(reader));
        }
        return nodes;
    }

    private const string NodeColumns = "id, name, role, address, status, queues, started_at, heartbeat_at, kinds, models";

    private static NodeRecord? ReadNode(SqliteWriteBatch batch, string id)
    {
        using var reader = batch.Command($"SELECT {NodeColumns} FROM aq_nodes WHERE id = @id").With("@id", id).ExecuteReader();
        return reader.Read() ? ReadNode(reader) : null;
    }

    private static NodeRecord ReadNode(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Name = reader.GetString(1),
        Role = Enum.Parse<NodeRole>(reader.GetString(2), ignoreCase: true),
        Address = reader.IsDBNull(3) ? null : reader.GetString(3),
        Status = ParseStatus(reader.GetString(4)),
        Queues = JsonSerializer.Deserialize(reader.GetString(5), StorageJsonContext.Default.DictionaryStringInt32) ?? [],
        StartedAt = SqliteJobRows.FromMs(reader.GetInt64(6)),
        HeartbeatAt = SqliteJobRows.FromMs(reader.GetInt64(7)),
        Kinds = JsonSerializer.Deserialize(reader.GetString(8), StorageJsonContext.Default.DictionaryStringString) ?? [],
        Models = JsonSerializer.Deserialize(reader.GetString(9), StorageJsonContext.Default.ListModelRecord) ?? [],
    };

    private static NodeStatus ParseStatus(string status) => Enum.Parse<NodeStatus>(status, ignoreCase: true);

    private static string ToWire(NodeRole role) => role.ToString().ToLowerInvariant();

    private static string ToWire(NodeStatus status) => status.ToString().ToLowerInvariant();
}
