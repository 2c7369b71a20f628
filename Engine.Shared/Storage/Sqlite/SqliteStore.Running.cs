namespace ActorQueue.Storage.Sqlite;

internal sealed partial class SqliteStore
{
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
}
