using Npgsql;

namespace ActorQueue.Storage.Postgres;

/// <summary>
/// A restart of the server ends every session, and Npgsql hands out the pooled connections of the old server
/// until each fails once (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now). The session
/// ended before the statement ran, so running it again on a fresh connection is safe: the operations a client
/// waits on (submitting, reading a job) retry once, after the pool has dropped its idle connections, instead of
/// answering a 500 for the first request after every restart.
/// </summary>
internal sealed partial class PostgresStore
{
    private async Task<T> RetriedAfterServerRestartAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (PostgresException exception) when (EndedByServerRestart(exception))
        {
            _dataSource.Clear();
            return await operation();
        }
    }

    private static bool EndedByServerRestart(PostgresException exception) =>
        exception.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow;
}
