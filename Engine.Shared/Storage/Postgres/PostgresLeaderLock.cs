using ActorQueue.Cluster;
using Npgsql;

namespace ActorQueue.Storage.Postgres;

/// <summary>
/// The leader lock as a session-level advisory lock on a dedicated connection: PostgreSQL releases it
/// the moment that connection dies, so a crashed or partitioned leader cannot keep it.
/// </summary>
internal sealed class PostgresLeaderLock(NpgsqlConnectionStringBuilder settings) : ILeaderLock
{
    // "AQLD" — the one advisory-lock key the cluster's leader holds.
    private const long LockKey = 0x41514C44;

    private NpgsqlConnection? _connection;
    private bool _held;

    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        if (_held && await StillHeldAsync(cancellationToken))
        {
            return true;
        }
        await CloseAsync();
        var own = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false, TcpKeepAlive = true, KeepAlive = 5 };
        _connection = new NpgsqlConnection(own.ConnectionString);
        await _connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", _connection);
        command.Parameters.AddWithValue("key", LockKey);
        _held = await command.ExecuteScalarAsync(cancellationToken) is true;
        if (!_held)
        {
            await CloseAsync();
        }
        return _held;
    }

    public async Task<bool> StillHeldAsync(CancellationToken cancellationToken)
    {
        if (!_held || _connection is null)
        {
            return false;
        }
        try
        {
            await using var command = new NpgsqlCommand("SELECT 1", _connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // The connection is gone, and with it the lock.
            _held = false;
            await CloseAsync();
            return false;
        }
    }

    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (_held && _connection is not null)
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
                command.Parameters.AddWithValue("key", LockKey);
                await command.ExecuteScalarAsync(cancellationToken);
            }
            catch (NpgsqlException)
            {
                // Closing the connection below releases it anyway.
            }
        }
        _held = false;
        await CloseAsync();
    }

    private async Task CloseAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync(CancellationToken.None);
}
