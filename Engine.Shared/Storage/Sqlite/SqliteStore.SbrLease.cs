namespace ActorQueue.Storage.Sqlite;

internal sealed partial class SqliteStore
{
    // One upsert in the single writer: the row is taken when it is free, expired or already the owner's.
    // SQLite counts a DO UPDATE whose WHERE is false as no change, so the answer is the changed-row count.
    private const string AcquireLeaseSql = """
        INSERT INTO aq_leases (name, owner, acquired_at, expires_at) VALUES (@name, @owner, @now, @expires)
        ON CONFLICT (name) DO UPDATE
           SET owner = excluded.owner,
               acquired_at = CASE WHEN aq_leases.owner = excluded.owner AND aq_leases.expires_at > @now
                                  THEN aq_leases.acquired_at ELSE excluded.acquired_at END,
               expires_at = excluded.expires_at
         WHERE aq_leases.owner = excluded.owner OR aq_leases.expires_at <= @now
        """;

    public Task<bool> TryAcquireLeaseAsync(string name, string owner, TimeSpan ttl, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(batch =>
        {
            var now = Now;
            return batch.Command(AcquireLeaseSql)
                .With("@name", name)
                .With("@owner", owner)
                .With("@now", SqliteJobRows.ToMs(now))
                .With("@expires", SqliteJobRows.ToMs(now + ttl))
                .ExecuteNonQuery() == 1;
        }, cancellationToken);

    public Task<bool> ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken) =>
        _writer.ExecuteAsync(batch => batch.Command("DELETE FROM aq_leases WHERE name = @name AND owner = @owner AND expires_at > @now")
            .With("@name", name).With("@owner", owner).With("@now", SqliteJobRows.ToMs(Now)).ExecuteNonQuery() == 1, cancellationToken);

    public async Task<string?> LeaseOwnerAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT owner FROM aq_leases WHERE name = @name AND expires_at > @now";
        command.With("@name", name).With("@now", SqliteJobRows.ToMs(Now));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
