using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Channels;
using ActorQueue.Protocol;

namespace ActorQueue.Seed.Tcp;

/// <summary>
/// One client connection. Lines are read in order and each request starts at once (so pipelined
/// submissions overlap); responses are written strictly in request order. At most
/// <see cref="MaxInFlight"/> requests are pending before reading pauses (backpressure).
/// </summary>
internal sealed partial class TcpConnection(Socket socket, TcpRequestHandler handler, ILogger logger)
{
    public const int MaxLineBytes = 1024 * 1024;
    private const int MaxInFlight = 1024;

    private readonly Channel<Task<TcpResponse>> _pending = Channel.CreateBounded<Task<TcpResponse>>(
        new BoundedChannelOptions(MaxInFlight) { SingleReader = true, SingleWriter = true });

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var session = new TcpSession();
        var writer = WriteResponsesAsync(PipeWriter.Create(stream), stoppingToken);
        try
        {
            await ReadRequestsAsync(PipeReader.Create(stream), session, stoppingToken);
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
        {
            // The client went away or the seed is stopping.
        }
        finally
        {
            _pending.Writer.TryComplete();
        }
        try
        {
            await writer;
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
        {
            LogClosedEarly(logger);
        }
    }

    private async Task ReadRequestsAsync(PipeReader reader, TcpSession session, CancellationToken stoppingToken)
    {
        var skippingLongLine = false;
        while (true)
        {
            var read = await reader.ReadAsync(stoppingToken);
            var buffer = read.Buffer;
            while (TryReadLine(ref buffer, out var line))
            {
                if (skippingLongLine)
                {
                    skippingLongLine = false;
                    continue;
                }
                if (IsBlank(line))
                {
                    continue;
                }
                await _pending.Writer.WriteAsync(handler.HandleAsync(line.ToArray(), session, stoppingToken), stoppingToken);
            }
            if (!skippingLongLine && buffer.Length > MaxLineBytes)
            {
                // Answer the over-long line now and drop the rest of it; the connection stays usable.
                skippingLongLine = true;
                await _pending.Writer.WriteAsync(Task.FromResult(TcpRequestHandler.Error($"A request line is limited to {MaxLineBytes} bytes.")), stoppingToken);
            }
            if (skippingLongLine)
            {
                buffer = buffer.Slice(buffer.End);
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted)
            {
                return;
            }
        }
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var newline = buffer.PositionOf((byte)'\n');
        if (newline is null)
        {
            line = default;
            return false;
        }
        line = buffer.Slice(0, newline.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        return true;
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\r' or (byte)'\t'))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private async Task WriteResponsesAsync(PipeWriter writer, CancellationToken stoppingToken)
    {
        await using var json = new Utf8JsonWriter(writer, new JsonWriterOptions { Encoder = WireJson.Options.Encoder });
        await foreach (var pending in _pending.Reader.ReadAllAsync(stoppingToken))
        {
            var response = await pending;
            JsonSerializer.Serialize(json, response, WireJson.Info<TcpResponse>());
            json.Flush();
            json.Reset();
            writer.Write("\n"u8);
            if (!_pending.Reader.TryPeek(out _))
            {
                var flushed = await writer.FlushAsync(stoppingToken);
                if (flushed.IsCompleted)
                {
                    return;
                }
            }
        }
        await writer.FlushAsync(stoppingToken);
    }

    [LoggerMessage(3202, LogLevel.Debug, "A TCP client closed its connection before reading every response", EventName = "TcpClosedEarly")]
    private static partial void LogClosedEarly(ILogger logger);
}

/// <summary>Per-connection state: whether the client has authenticated.</summary>
internal sealed class TcpSession
{
    public bool Authenticated { get; set; }
}
