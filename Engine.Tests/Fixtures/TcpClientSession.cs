using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ActorQueue.Tests.Fixtures;

/// <summary>A line-oriented client of the seed's TCP protocol.</summary>
internal sealed class TcpClientSession : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly StreamReader _reader;
    private readonly Stream _stream;

    private TcpClientSession(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    public static async Task<TcpClientSession> ConnectAsync(IPEndPoint endpoint)
    {
        var client = new TcpClient();
        await client.ConnectAsync(endpoint);
        return new TcpClientSession(client);
    }

    /// <summary>Writes raw text (one or more lines, pipelined) without waiting for answers.</summary>
    public async Task SendAsync(string text)
    {
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await _stream.FlushAsync();
    }

    public async Task<JsonElement> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new IOException("the seed closed the connection");
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    public async Task<JsonElement> RequestAsync(string line)
    {
        await SendAsync(line + "\n");
        return await ReceiveAsync();
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
