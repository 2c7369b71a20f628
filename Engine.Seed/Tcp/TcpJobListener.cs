using System.Net;
using System.Net.Sockets;
using ActorQueue.Seed.Startup;

namespace ActorQueue.Seed.Tcp;

/// <summary>
/// The TCP NDJSON endpoint: one JSON request per line, one response line per request, in order,
/// pipelining allowed. Each connection runs in a <see cref="TcpConnection"/>.
/// </summary>
internal sealed partial class TcpJobListener(SeedSettings settings, TcpRequestHandler handler, ILogger<TcpJobListener> logger) : BackgroundService
{
    private readonly TaskCompletionSource<IPEndPoint> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Socket? _socket;
    private volatile bool _stopping;

    /// <summary>The address actually bound (useful with port 0).</summary>
    public Task<IPEndPoint> Bound => _bound.Task;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var address = settings.Tcp.Host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(settings.Tcp.Host);
        _socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _socket.Bind(new IPEndPoint(address, settings.Tcp.Port));
        }
        catch (SocketException exception)
        {
            throw new SettingsException($"Cannot listen for TCP on {settings.Tcp}: {exception.Message} (choose another --tcp).");
        }
        _socket.Listen(512);
        var endpoint = (IPEndPoint)_socket.LocalEndPoint!;
        _bound.TrySetResult(endpoint);
        LogListening(logger, endpoint.ToString());
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connections = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket!.AcceptAsync(stoppingToken);
            }
            catch (Exception exception) when ((_stopping || stoppingToken.IsCancellationRequested)
                && exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // StopAsync closed the listening socket: the pending accept ends with "operation aborted" (or a
                // disposed socket) before the stopping token fires. That is a clean stop, not a failure.
                break;
            }
            catch (SocketException exception)
            {
                LogAcceptFailed(logger, exception);
                continue;
            }
            client.NoDelay = true;
            connections.RemoveAll(t => t.IsCompleted);
            connections.Add(new TcpConnection(client, handler, logger).RunAsync(stoppingToken));
        }
        await Task.WhenAll(connections);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _socket?.Dispose();
        await base.StopAsync(cancellationToken);
    }

    [LoggerMessage(3200, LogLevel.Information, "TCP protocol listening on {Endpoint}", EventName = "TcpListening")]
    private static partial void LogListening(ILogger logger, string endpoint);

    [LoggerMessage(3201, LogLevel.Warning, "Accepting a TCP connection failed", EventName = "TcpAcceptFailed")]
    private static partial void LogAcceptFailed(ILogger logger, Exception exception);
}
