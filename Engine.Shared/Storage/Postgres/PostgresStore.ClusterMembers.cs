using System.Text.Json;
using Npgsql;

namespace ActorQueue.Storage.Postgres;

internal sealed partial class PostgresStore
{
    // One explicit transaction (LOCK TABLE refuses the implicit one of a batch): the table lock makes two
    // writers replace the set one after the other (the last one wins) instead of interleaving their deletes
    // and inserts; readers never wait for it and see the old set or the new one.
    private const string LockClusterMembersSql = "LOCK TABLE aq_cluster_members IN SHARE ROW EXCLUSIVE MODE";

    private const string ReplaceClusterMembersSql = """
        INSERT INTO aq_cluster_members (node_id, position, address, name, roles, up_since, recorded_at)
        SELECT m.node_id, m.ord - 1, m.address, m.name, ARRAY(SELECT r.role FROM jsonb_array_elements_text(m.roles) WITH ORDINALITY AS r(role, i) ORDER BY r.i), m.up_since, @now
          FROM unnest(@nodes::text[], @addresses::text[], @names::text[], @roles::jsonb[], @up_since::timestamptz[])
               WITH ORDINALITY AS m(node_id, address, name, roles, up_since, ord)
        """;

    public async Task RecordClusterMembersAsync(IReadOnlyList<ClusterMemberRecord> members, CancellationToken cancellationToken)
    {
        ClusterMemberRecord.EnsureOnePerNode(members);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(LockClusterMembersSql));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM aq_cluster_members"));
        var insert = new NpgsqlBatchCommand(ReplaceClusterMembersSql);
        insert.Parameters
            .With("nodes", members.Select(m => m.NodeId).ToArray())
            .With("addresses", members.Select(m => m.Address).ToArray())
            .With("names", members.Select(m => m.Name).ToArray())
            .With("roles", members.Select(m => JsonSerializer.Serialize(m.Roles.ToList(), StorageJsonContext.Default.ListString)).ToArray())
            .With("up_since", members.Select(m => PostgresJobRows.Truncate(m.UpSince)).ToArray())
            .With("now", Now);
        batch.BatchCommands.Add(insert);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ClusterMemberRecord>> ReadClusterMembersAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT address, node_id, name, roles, up_since, recorded_at FROM aq_cluster_members ORDER BY position");
        var members = new List<ClusterMemberRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            members.Add(new ClusterMemberRecord
            {
                Address = reader.GetString(0),
                NodeId = reader.GetString(1),
                Name = reader.GetString(2),
                Roles = reader.GetFieldValue<string[]>(3),
                UpSince = PostgresJobRows.NullableTime(reader, 4),
                RecordedAt = PostgresJobRows.Time(reader, 5),
            });
        }
        return members;
    }
}
