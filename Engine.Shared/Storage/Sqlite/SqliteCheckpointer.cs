using Microsoft.Data.Sqlite;

namespace ActorQueue.Storage.Sqlite;

/// <summary>
/// Copies the WAL back into the database file from its own connection, off the writer's path. With
/// SQLite's automatic checkpoint the committing writer does this work itself and stalls every ~1000
/// pages; PASSIVE checkpoints here never block the writer or the readers.
/// </summary>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly SqliteConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SqliteCheckpointer(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _loop = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, _stop.Token);
                command.ExecuteNonQuery();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SqliteException)
            {
                // Busy or locked for a moment: the next round catches up.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // Leaving the WAL in place is safe; the next open replays it.
        }
        await _connection.DisposeAsync();
        _stop.Dispose();
    }
}
