using ActorQueue.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ActorQueue.Storage.Postgres;

/// <summary>
/// The cluster store: one PostgreSQL database shared by the seed and every worker node. Claims use
/// <c>FOR UPDATE SKIP LOCKED</c>, so concurrent claimers in any number of processes never take the same
/// job and never wait on each other. Every write that changes jobs or datasets returns the rows it
/// changed and raises their <see cref="Signals"/> in this process right after its commit, as the embedded
/// store does; the other members hear of it from the cluster's signal bridge (Akka DistributedPubSub),
/// and a slow poll covers a hint lost on the way.
/// </summary>
internal sealed partial class PostgresStore : IStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlConnectionStringBuilder _settings;
    private readonly JobOptions _options;
    private readonly TimeProvider _time;
    private readonly RecentUploads _recentUploads;
    private readonly ILogger _logger;
    private readonly JobIds _ids = new();
    private int _disposed;

    private PostgresStore(NpgsqlConnectionStringBuilder settings, JobOptions options, TimeProvider time, ILogger logger)
    {
        _settings = settings;
        _options = options;
        _time = time;
        _recentUploads = new RecentUploads(time);
        _logger = logger;
        var pooled = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        pooled.ApplicationName ??= "ActorQueue";
        if (pooled.MaxAutoPrepare == 0)
        {
            // The store runs a fixed set of statements (about 50 with the datasets'): prepare them once per
            // connection, with room for all, so that a rarely used one never evicts a hot one.
            pooled.MaxAutoPrepare = 64;
        }
        // The store never changes session state (the migrator releases its advisory lock itself), so a
        // connection going back to the pool needs no RESET ALL / DISCARD on its next use.
        pooled.NoResetOnClose = true;
        _dataSource = NpgsqlDataSource.Create(pooled);
    }

    public string Description => PostgresConnectionStrings.Describe(_settings);

    public bool SingleProcess => false;

    /// <summary>Raised by this store after each of its commits, and by the signal bridge for other members' commits.</summary>
    public JobSignals Signals { get; } = new();

    /// <summary>Opens the store named by a PostgreSQL URL or connection string: connects and migrates.</summary>
    public static PostgresStore Open(string store, JobOptions options, TimeProvider time, ILogger? logger = null) =>
        Open(PostgresConnectionStrings.Parse(store), options, time, logger);

    public static PostgresStore Open(NpgsqlConnectionStringBuilder settings, JobOptions options, TimeProvider time, ILogger? logger = null)
    {
        var store = new PostgresStore(settings, options, time, logger ?? NullLogger.Instance);
        try
        {
            store.Migrate();
            return store;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw PostgresConnectionStrings.Unavailable(settings, exception);
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.Run(Migrate, cancellationToken);

    private void Migrate()
    {
        using var connection = _dataSource.OpenConnection();
        foreach (var name in PostgresMigrator.Apply(connection, _time))
        {
            PostgresLog.MigrationApplied(_logger, name, PostgresConnectionStrings.Server(_settings));
        }
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _dataSource.CreateCommand("SELECT 1");
            return await command.ExecuteScalarAsync(cancellationToken) is not null;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The clock, to the millisecond the store keeps, so that answers match what a later read returns.</summary>
    private DateTimeOffset Now => PostgresJobRows.Truncate(_time.GetUtcNow());

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _dataSource.DisposeAsync();
    }
}
