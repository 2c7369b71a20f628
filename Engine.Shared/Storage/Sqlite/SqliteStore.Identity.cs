namespace ActorQueue.Storage.Sqlite;

internal sealed partial class SqliteStore
{
    private string? _storeId;

    // Made by migration V010 and never changed, so it is read once.
    public async Task<string> GetStoreIdAsync(CancellationToken cancellationToken)
    {
        if (_storeId is { } known)
        {
            return known;
        }
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM aq_meta WHERE key = 'store_id'";
        return _storeId = await command.ExecuteScalarAsync(cancellationToken) as string
            ?? throw new InvalidDataException("The store has no store_id in aq_meta; its migrations were not applied.");
    }
}
