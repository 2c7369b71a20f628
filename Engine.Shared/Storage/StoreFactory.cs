using ActorQueue.Jobs;
using ActorQueue.Storage.Postgres;
using ActorQueue.Storage.Sqlite;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Storage;

/// <summary>Opens the store named by <c>--store</c>: <c>sqlite:PATH</c>, or a PostgreSQL URL or connection string.</summary>
public static class StoreFactory
{
    public const string DefaultStore = "sqlite:actorqueue.db";

    public static bool IsSqlite(string store) => store.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase);

    public static bool IsPostgres(string store) =>
        PostgresConnectionStrings.IsUrl(store) || store.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where <paramref name="store"/> points, for logs: <c>sqlite:/full/path.db</c> or <c>postgres://user@host:port/database</c>, never a password.</summary>
    public static string Describe(string store)
    {
        if (IsSqlite(store))
        {
            return "sqlite:" + Path.GetFullPath(store["sqlite:".Length..]);
        }
        try
        {
            return PostgresConnectionStrings.Describe(PostgresConnectionStrings.Parse(store));
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or StoreUnavailableException)
        {
            return "PostgreSQL";
        }
    }

    /// <summary>Opens the store; <see cref="StoreUnavailableException"/> says in one sentence what is wrong.</summary>
    public static IStore Open(string store, JobOptions options, TimeProvider time) => Open(store, options, time, logger: null);

    /// <summary>
    /// Opens the store, logging its own events (migrations applied, a signal subscriber that threw) to
    /// <paramref name="logger"/>. A PostgreSQL store is connected and migrated when this returns; it holds
    /// no connection of its own for signals (those cross the cluster over Akka DistributedPubSub).
    /// </summary>
    public static IStore Open(string store, JobOptions options, TimeProvider time, ILogger? logger)
    {
        if (IsSqlite(store))
        {
            var path = store["sqlite:".Length..];
            if (path.Length == 0)
            {
                throw new StoreUnavailableException("--store sqlite: needs a file path, e.g. sqlite:actorqueue.db.");
            }
            return SqliteStore.Open(path, options, time);
        }
        if (IsPostgres(store))
        {
            return PostgresStore.Open(store, options, time, logger);
        }
        throw new StoreUnavailableException($"--store '{store}' is neither sqlite:PATH nor a PostgreSQL URL (postgres://user:password@host:5432/database).");
    }
}
