using ActorQueue.Jobs;
using Microsoft.Data.Sqlite;

namespace ActorQueue.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, owned by one process (an exclusive lock file
/// proves it). Writes go through <see cref="SqliteWriter"/> (group commit); reads use pooled
/// connections and never block the writer. Durability: <c>synchronous=NORMAL</c> in WAL mode — a
/// committed job survives a crash or <c>kill -9</c> of the process; a power loss may lose the last
/// few hundred milliseconds of commits, never corrupt the file.
/// </summary>
internal sealed partial class SqliteStore : IStore
{
    private readonly string _readConnectionString;
    private readonly SqliteWriter _writer;
    private readonly SqliteFileLock _fileLock;
    private readonly SqliteCheckpointer _checkpointer;
    private readonly JobOptions _options;
    private readonly TimeProvider _time;
    private readonly RecentUploads _recentUploads;
    private readonly JobIds _ids = new();
    private int _disposed;

    private SqliteStore(string path, SqliteFileLock fileLock, SqliteConnection writeConnection, JobOptions options, TimeProvider time)
    {
        Path = path;
        _fileLock = fileLock;
        _options = options;
        _time = time;
        _recentUploads = new RecentUploads(time);
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _writer = new SqliteWriter(writeConnection);
        _checkpointer = new SqliteCheckpointer(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString());
    }

    public string Path { get; }

    public string Description => $"sqlite:{Path}";

    public bool SingleProcess => true;

    public JobSignals Signals { get; } = new();

    /// <summary>Opens (creating if needed) the database file, takes its lock and applies migrations.</summary>
    public static SqliteStore Open(string path, JobOptions options, TimeProvider time)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(fullPath);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new StoreUnavailableException($"The directory of the SQLite store does not exist: {directory}.");
        }

        var fileLock = SqliteFileLock.Acquire(fullPath);
        try
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = fullPath,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
                DefaultTimeout = 30,
            }.ToString());
            connection.Open();
            Execute(connection, """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                PRAGMA busy_timeout = 5000;
                PRAGMA temp_store = MEMORY;
                PRAGMA wal_autocheckpoint = 0;
                PRAGMA journal_size_limit = 67108864;
                """);
            SqliteMigrator.Apply(connection, time);
            SqliteJournalFile.Prepare(SqliteJournalFile.PathFor(fullPath));
            return new SqliteStore(fullPath, fileLock, connection, options, time);
        }
        catch (SqliteException exception)
        {
            fileLock.Dispose();
            throw new StoreUnavailableException($"Cannot open the SQLite store {fullPath}: {exception.Message}", exception);
        }
        catch
        {
            fileLock.Dispose();
            throw;
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenReadAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            return await command.ExecuteScalarAsync(cancellationToken) is not null;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>The clock, to the millisecond the store keeps, so that answers match what a later read returns.</summary>
    private DateTimeOffset Now => SqliteJobRows.FromMs(SqliteJobRows.ToMs(_time.GetUtcNow()));

    private async Task<SqliteConnection> OpenReadAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_readConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _writer.DisposeAsync();
        await _checkpointer.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _fileLock.Dispose();
    }
}
