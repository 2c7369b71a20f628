using System.Net;
using System.Net.Http.Headers;
using ActorQueue.Seed.Startup;
using ActorQueue.Seed.Tcp;
using ActorQueue.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ActorQueue.Tests.Fixtures;

/// <summary>
/// A real seed (Kestrel on a free loopback port, TCP listener, embedded worker node, SQLite file in a
/// temp directory) running inside the test process.
/// </summary>
public sealed class SeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IStore _store;
    private readonly TempDirectory? _ownedDirectory;

    private SeedServer(WebApplication app, IStore store, TempDirectory? ownedDirectory, Uri baseAddress, IPEndPoint tcp)
    {
        _app = app;
        _store = store;
        _ownedDirectory = ownedDirectory;
        BaseAddress = baseAddress;
        Tcp = tcp;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public IPEndPoint Tcp { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Fast retries so that tests see the whole retry path in well under a second.</summary>
    public static readonly string[] FastRetries = ["--Jobs:RetryBaseDelaySeconds=0.02", "--Jobs:RetryJitter=0"];

    public static Task<SeedServer> StartAsync(string[]? extraArgs = null, Action<IServiceCollection>? configureServices = null, string? databasePath = null)
    {
        var directory = databasePath is null ? new TempDirectory() : null;
        return StartAsync("sqlite:" + (databasePath ?? directory!.File("seed.db")), directory, extraArgs, configureServices);
    }

    /// <summary>A seed on a PostgreSQL store (a cluster member others can join), remoting on a free port.</summary>
    public static Task<SeedServer> StartOnStoreAsync(string store, string[]? extraArgs = null, Action<IServiceCollection>? configureServices = null) =>
        StartAsync(store, null, ["--akka-port", SeedProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), .. extraArgs ?? []], configureServices);

    private static async Task<SeedServer> StartAsync(string storeArgument, TempDirectory? directory, string[]? extraArgs, Action<IServiceCollection>? configureServices)
    {
        var args = new List<string>
        {
            "--store", storeArgument,
            "--http", "127.0.0.1:0",
            "--tcp", "127.0.0.1:0",
            "--log-format", "text",
            "--Logging:LogLevel:Default=Warning",
        };
        args.AddRange(extraArgs ?? []);
        var (app, store) = await SeedApp.BuildAsync(args.ToArray(), configureServices);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var tcp = await app.Services.GetRequiredService<TcpJobListener>().Bound;
        return new SeedServer(app, store, directory, new Uri(address), tcp);
    }

    public void UseToken(string token) => Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

    /// <summary>Stops the seed as SIGTERM would: HTTP first, then the worker node drains.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
        _ownedDirectory?.Dispose();
    }
}
