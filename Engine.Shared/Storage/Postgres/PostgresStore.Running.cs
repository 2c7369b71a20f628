namespace ActorQueue.Storage.Postgres;

internal sealed partial class PostgresStore
{
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
}
