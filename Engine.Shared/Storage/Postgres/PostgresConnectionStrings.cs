using System.Net.Sockets;
using Npgsql;

namespace ActorQueue.Storage.Postgres;

/// <summary>
/// Turns <c>--store</c> into Npgsql settings: a URL as libpq and most hosting providers write it
/// (<c>postgres://user:password@host:5432/database?sslmode=require</c>) or an Npgsql connection string
/// (<c>Host=…;Username=…;Password=…;Database=…</c>). Nothing here ever repeats the password.
/// </summary>
internal static class PostgresConnectionStrings
{
    public const int DefaultPort = 5432;

    // libpq's names for the URL options that Npgsql spells differently; any other option is passed to
    // Npgsql as a connection-string keyword (e.g. ?Maximum%20Pool%20Size=50).
    private static readonly Dictionary<string, string> LibpqOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["options"] = "Options",
        ["target_session_attrs"] = "Target Session Attributes",
        ["user"] = "Username",
        ["dbname"] = "Database",
    };

    public static bool IsUrl(string store) =>
        store.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || store.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The settings <paramref name="store"/> names; <see cref="StoreUnavailableException"/> when it is malformed.</summary>
    public static NpgsqlConnectionStringBuilder Parse(string store)
    {
        if (IsUrl(store))
        {
            return FromUrl(store);
        }
        try
        {
            return new NpgsqlConnectionStringBuilder(store);
        }
        catch (ArgumentException exception)
        {
            throw new StoreUnavailableException($"The PostgreSQL connection string is not valid: {OneLine(exception.Message)}.", exception);
        }
    }

    /// <summary>Where the store points, for logs and <c>/health</c>: <c>postgres://user@host:port/database</c>, never the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder settings) =>
        $"postgres://{settings.Username}@{Server(settings)}";

    /// <summary><c>host:port/database</c>.</summary>
    public static string Server(NpgsqlConnectionStringBuilder settings) =>
        $"{settings.Host}:{(settings.Port > 0 ? settings.Port : DefaultPort)}/{settings.Database}";

    /// <summary>One sentence saying why the store at <paramref name="settings"/> cannot be used (no password, no stack trace).</summary>
    public static StoreUnavailableException Unavailable(NpgsqlConnectionStringBuilder settings, Exception exception)
    {
        var reason = exception switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } p =>
                $"the server rejected the credentials of user '{settings.Username}' ({p.MessageText})",
            PostgresException p => p.MessageText,
            NpgsqlException { InnerException: SocketException socket } => socket.Message,
            NpgsqlException { InnerException: TimeoutException } => "the connection attempt timed out",
            NpgsqlException { InnerException: { } inner } n when n.Message.StartsWith("Exception while", StringComparison.Ordinal) => inner.Message,
            _ => exception.Message,
        };
        return new StoreUnavailableException($"Cannot open the PostgreSQL store at {Server(settings)}: {OneLine(reason)}.", exception);
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw new StoreUnavailableException("The PostgreSQL URL is not valid: write it as postgres://user:password@host:5432/database (percent-encode special characters in the password).");
        }
        var settings = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Trim('[', ']'),
            Port = uri.Port > 0 ? uri.Port : DefaultPort,
        };
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            settings.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                settings.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            settings.Database = database;
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            SetOption(settings, key, value);
        }
        // libpq's default: the database named like the user.
        settings.Database ??= settings.Username;
        return settings;
    }

    private static void SetOption(NpgsqlConnectionStringBuilder settings, string key, string value)
    {
        var keyword = LibpqOptions.GetValueOrDefault(key, key);
        if (keyword == "SSL Mode")
        {
            // libpq writes verify-full; Npgsql's enum is VerifyFull.
            value = value.Replace("-", "", StringComparison.Ordinal);
        }
        try
        {
            settings[keyword] = value;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException)
        {
            throw new StoreUnavailableException($"The PostgreSQL URL option '{key}' is not valid: {OneLine(exception.Message)}.", exception);
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim().TrimEnd('.');
}
