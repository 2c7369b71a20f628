using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Tests.Fixtures;

/// <summary>
/// A stand-in OpenTelemetry collector on a free loopback port: keeps every OTLP/HTTP export posted to it
/// (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>) as raw protobuf, and answers each with success.
/// The tests look for byte strings in the exports (a trace id's 16 bytes, a span name, a service name)
/// rather than decoding them.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, string ContentType, byte[] Body)> _exports = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (string signal, HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            receiver._exports.Enqueue((signal, context.Request.ContentType ?? "", body.ToArray()));
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        receiver.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    /// <summary>The bodies posted for <paramref name="signal"/> (<c>traces</c>, <c>metrics</c>, <c>logs</c>).</summary>
    public IReadOnlyList<byte[]> Exports(string signal) => [.. _exports.Where(e => e.Signal == signal).Select(e => e.Body)];

    public IReadOnlyList<string> ContentTypes => [.. _exports.Select(e => e.ContentType).Distinct()];

    /// <summary>True when one export of <paramref name="signal"/> holds every one of <paramref name="parts"/>.</summary>
    public bool AnyExportHolds(string signal, params byte[][] parts) =>
        Exports(signal).Any(body => parts.All(part => body.AsSpan().IndexOf(part) >= 0));

    public string Describe() => string.Join(", ", _exports.GroupBy(e => e.Signal).Select(g => $"{g.Count()} {g.Key}"));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
