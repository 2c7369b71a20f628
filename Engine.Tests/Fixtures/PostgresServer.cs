using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ActorQueue.Tests.Fixtures;

/// <summary>The tests that share one throwaway PostgreSQL server; they run one at a time.</summary>
[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>;

/// <summary>
/// A throwaway PostgreSQL cluster for the whole test run: initdb into a temporary directory, started on a
/// free loopback port with durability off (fsync, synchronous commit, full-page writes; minimal WAL, which
/// halves the cost of CREATE DATABASE), stopped with
/// <c>pg_ctl -m immediate</c> and deleted at the end. Each test takes a fresh database from it. The server
/// binaries come from Debian's <c>postgresql</c> package, which ./scripts/test.sh installs; without them
/// the tests fail, never skip. initdb refuses to run as root, so as root the cluster belongs to the
/// <c>postgres</c> user.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>A role that must log in with a password (every other connection is trusted).</summary>
    public const string PasswordUser = "aq_password";

    /// <summary>Its password, with characters a URL must percent-encode.</summary>
    public const string Password = "right p@ss:w/rd";

    private const string Superuser = "postgres";

    private static readonly bool IsRoot = Environment.UserName == "root";

    private string _bin = "";
    private string _directory = "";
    private int _databases;

    public string Host => "127.0.0.1";

    public int Port { get; private set; }

    private string Data => Path.Combine(_directory, "data");

    private string LogFile => Path.Combine(_directory, "server.log");

    public async Task InitializeAsync()
    {
        _bin = FindBinaries() ?? throw new InvalidOperationException(
            "The PostgreSQL server is not installed (no /usr/lib/postgresql/*/bin/initdb): run ./scripts/test.sh, which installs the postgresql package.");
        _directory = Path.Combine(Path.GetTempPath(), $"aq-pg-{Guid.NewGuid():N}"[..18]);
        Directory.CreateDirectory(_directory);
        try
        {
            if (IsRoot)
            {
                await RunAsync("chown", ["postgres:postgres", _directory]);
            }
            await PgAsync("initdb", ["-D", Data, "-U", Superuser, "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
            // Trust for everyone but the password role, which the wrong-password test needs.
            var hba = Path.Combine(Data, "pg_hba.conf");
            await File.WriteAllTextAsync(hba, $"host all {PasswordUser} 127.0.0.1/32 scram-sha-256\n" + await File.ReadAllTextAsync(hba));
            Port = FreePort();
            await PgAsync("pg_ctl", ["-w", "-D", Data, "-l", LogFile, "-o",
                $"-p {Port} -k {_directory} -c listen_addresses={Host} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c wal_level=minimal -c max_wal_senders=0", "start"]);
            await ExecuteAsync("postgres", $"CREATE ROLE {PasswordUser} LOGIN PASSWORD '{Password}'");
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A new, empty database (owned by <paramref name="owner"/> when given).</summary>
    public async Task<string> CreateDatabaseAsync(string? owner = null)
    {
        var name = $"aq_t_{Interlocked.Increment(ref _databases)}";
        await ExecuteAsync("postgres", $"CREATE DATABASE {name}" + (owner is null ? "" : $" OWNER {owner}"));
        return name;
    }

    /// <summary>An Npgsql connection string for <paramref name="database"/> as the superuser.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = Host, Port = Port, Username = Superuser, Database = database }.ConnectionString;

    /// <summary>A <c>postgres://</c> URL for <paramref name="database"/>, percent-encoding user and password.</summary>
    public string Url(string database, string user = Superuser, string? password = null) =>
        $"postgres://{Uri.EscapeDataString(user)}{(password is null ? "" : ":" + Uri.EscapeDataString(password))}@{Host}:{Port}/{database}";

    /// <summary><c>host:port/database</c>, as error messages name the server.</summary>
    public string Address(string database) => $"{Host}:{Port}/{database}";

    public async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Restarts the server (fast shutdown: every connection is cut), and returns once it accepts connections again.</summary>
    public Task RestartAsync() => PgAsync("pg_ctl", ["-w", "-D", Data, "-l", LogFile, "-m", "fast", "restart"]);

    /// <summary>A loopback port nobody listens on (for now).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            try
            {
                await PgAsync("pg_ctl", ["-D", Data, "-m", "immediate", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Already stopped; the directory goes anyway.
            }
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // /tmp is cleaned eventually.
        }
    }

    private async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync(string database)
    {
        // Not pooled: a pooled connection would not survive RestartAsync.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString(database)) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;

    /// <summary>Runs a server program, as the postgres user when the tests run as root.</summary>
    private Task PgAsync(string program, IReadOnlyList<string> arguments) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. arguments])
            : RunAsync(Path.Combine(_bin, program), arguments);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}
