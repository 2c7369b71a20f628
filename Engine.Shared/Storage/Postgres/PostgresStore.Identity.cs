namespace ActorQueue.Storage.Postgres;

internal sealed partial class PostgresStore
{
    private string? _storeId;

    // Made by migration V012 and never changed, so it is read once.
    public async Task<string> GetStoreIdAsync(CancellationToken cancellationToken)
    {
        if (_storeId is { } known)
        {
            return known;
        }
        await using var command = _dataSource.CreateCommand("SELECT value FROM aq_meta WHERE key = 'store_id'");
        return _storeId = await command.ExecuteScalarAsync(cancellationToken) as string
            ?? throw new InvalidDataException("The store has no store_id in aq_meta; its migrations were not applied.");
    }
}
