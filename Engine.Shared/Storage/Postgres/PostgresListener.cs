using Microsoft.Extensions.Logging;
using Npgsql;

namespace ActorQueue.Storage.Postgres;

/// <summary>
/// LISTENs on <see cref="PostgresEvents.Channel"/> on a dedicated connection and hands each payload to
/// <see cref="PostgresEvents"/>. The connection is not pooled (a pool would hand it to someone else and the
/// LISTEN would silently end) and uses Npgsql's keepalive, so a dead server is noticed while idle. When the
/// connection is lost it reconnects with backoff, then wakes every queue, the scheduler and the shard
/// region, because the notifications sent meanwhile are gone.
/// </summary>
internal sealed class PostgresListener : IAsyncDisposable
{
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private readonly string _connectionString;
    private readonly string _server;
    private readonly PostgresEvents _events;
    private readonly PostgresEchoes _echoes;
    private readonly Action _connectionLost;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private NpgsqlConnection? _connection;
    private Task _loop = Task.CompletedTask;

    /// <param name="connectionLost">Called when the connection drops (the store clears its pool: those connections are likely dead too).</param>
    public PostgresListener(NpgsqlConnectionStringBuilder settings, PostgresEvents events, PostgresEchoes echoes, Action connectionLost, TimeProvider time, ILogger logger)
    {
        var own = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            Pooling = false,
            Multiplexing = false,
            TcpKeepAlive = true,
        };
        if (own.KeepAlive == 0)
        {
            own.KeepAlive = 10;
        }
        own.ApplicationName = $"{settings.ApplicationName ?? "ActorQueue"} listener";
        _connectionString = own.ConnectionString;
        _server = PostgresConnectionStrings.Server(settings);
        _events = events;
        _echoes = echoes;
        _connectionLost = connectionLost;
        _time = time;
        _logger = logger;
    }

    /// <summary>Connects and listens, synchronously (the store is opened synchronously); throws when it cannot.</summary>
    public void Start()
    {
        var connection = CreateConnection();
        try
        {
            connection.Open();
            using (var listen = new NpgsqlCommand($"LISTEN {PostgresEvents.Channel}", connection))
            {
                listen.ExecuteNonQuery();
            }
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        _connection = connection;
        _echoes.SetListening(true);
        PostgresLog.ListenerStarted(_logger, _server);
        _loop = Task.Run(RunAsync);
    }

    private NpgsqlConnection CreateConnection()
    {
        var connection = new NpgsqlConnection(_connectionString);
        connection.Notification += (_, e) => _events.Dispatch(e.Payload);
        return connection;
    }

    private async Task RunAsync()
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                // Dispatches each notification as it arrives (Notification event), then returns.
                await _connection!.WaitAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                _echoes.SetListening(false);
                _connectionLost();
                PostgresLog.ListenerDisconnected(_logger, _server, exception);
                await _connection!.DisposeAsync();
                _connection = null;
                if (!await ReconnectAsync(stopping))
                {
                    return;
                }
            }
        }
    }

    private async Task<bool> ReconnectAsync(CancellationToken stopping)
    {
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Task.Delay(delay, _time, stopping);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            var connection = CreateConnection();
            try
            {
                await connection.OpenAsync(stopping);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresEvents.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping);
                }
                _connection = connection;
                _echoes.SetListening(true);
                PostgresLog.ListenerReconnected(_logger, _server, attempt, _events.KnownQueues);
                _events.WakeEverything();
                return true;
            }
            catch (Exception exception)
            {
                await connection.DisposeAsync();
                if (stopping.IsCancellationRequested)
                {
                    return false;
                }
                delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
                PostgresLog.ListenerReconnectFailed(_logger, _server, attempt, (long)delay.TotalMilliseconds, exception.Message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
        _echoes.SetListening(false);
        _stopping.Dispose();
    }
}
