using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ActorQueue.Storage.Sqlite;

internal sealed partial class SqliteStore
{
    private const string InsertClusterMemberSql = """
        INSERT INTO aq_cluster_members (node_id, position, address, name, roles, up_since, recorded_at)
        VALUES (@node, @position, @address, @name, @roles, @up_since, @now)
        """;

    // The delete and the inserts are one operation of the single writer, inside its own savepoint: readers
    // see the old set or the new one, never a mix, and a set that fails to insert leaves the old one.
    public Task RecordClusterMembersAsync(IReadOnlyList<ClusterMemberRecord> members, CancellationToken cancellationToken)
    {
        ClusterMemberRecord.EnsureOnePerNode(members);
        var rows = members.Select(m => (Member: m, Roles: JsonSerializer.Serialize(m.Roles.ToList(), StorageJsonContext.Default.ListString))).ToList();
        return _writer.ExecuteAsync(batch =>
        {
            var now = SqliteJobRows.ToMs(Now);
            batch.Command("DELETE FROM aq_cluster_members").ExecuteNonQuery();
            var insert = batch.Command(InsertClusterMemberSql);
            for (var i = 0; i < rows.Count; i++)
            {
                var (member, roles) = rows[i];
                insert.With("@node", member.NodeId)
                    .With("@position", i)
                    .With("@address", member.Address)
                    .With("@name", member.Name)
                    .With("@roles", roles)
                    .With("@up_since", member.UpSince is { } up ? SqliteJobRows.ToMs(up) : null)
                    .With("@now", now)
                    .ExecuteNonQuery();
            }
            return rows.Count;
        }, cancellationToken, multiStatement: true);
    }

    public async Task<IReadOnlyList<ClusterMemberRecord>> ReadClusterMembersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT address, node_id, name, roles, up_since, recorded_at FROM aq_cluster_members ORDER BY position";
        var members = new List<ClusterMemberRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            members.Add(ReadClusterMember(reader));
        }
        return members;
    }

    private static ClusterMemberRecord ReadClusterMember(SqliteDataReader reader) => new()
    {
        Address = reader.GetString(0),
        NodeId = reader.GetString(1),
        Name = reader.GetString(2),
        Roles = JsonSerializer.Deserialize(reader.GetString(3), StorageJsonContext.Default.ListString) ?? [],
        UpSince = reader.IsDBNull(4) ? null : SqliteJobRows.FromMs(reader.GetInt64(4)),
        RecordedAt = SqliteJobRows.FromMs(reader.GetInt64(5)),
    };
}
