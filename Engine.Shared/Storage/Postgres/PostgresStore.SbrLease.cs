namespace ActorQueue.Storage.Postgres;

internal sealed partial class PostgresStore
{
    // One upsert. Under READ COMMITTED, INSERT … ON CONFLICT DO UPDATE either inserts or locks the
    // conflicting row and evaluates the WHERE on its latest committed version, so of owners racing for a
    // free or expired lease exactly one gets a row back; the others wait for it and then see its owner.
    private const string AcquireLeaseSql = """
        INSERT INTO aq_leases AS l (name, owner, acquired_at, expires_at) VALUES (@name, @owner, @now, @expires)
        ON CONFLICT (name) DO UPDATE
           SET owner = excluded.owner,
               acquired_at = CASE WHEN l.owner = excluded.owner AND l.expires_at > @now THEN l.acquired_at ELSE excluded.acquired_at END,
               expires_at = excluded.expires_at
         WHERE l.owner = excluded.owner OR l.expires_at <= @now
        RETURNING 1
        """;

    public async Task<bool> TryAcquireLeaseAsync(string name, string owner, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var command = _dataSource.CreateCommand(AcquireLeaseSql);
        command.Parameters.With("name", name).With("owner", owner).With("now", now).With("expires", PostgresJobRows.Truncate(now + ttl));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task<bool> ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM aq_leases WHERE name = @name AND owner = @owner AND expires_at > @now");
        command.Parameters.With("name", name).With("owner", owner).With("now", Now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<string?> LeaseOwnerAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT owner FROM aq_leases WHERE name = @name AND expires_at > @now");
        command.Parameters.With("name", name).With("now", Now);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
