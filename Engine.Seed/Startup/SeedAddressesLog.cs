using ActorQueue.Hosting;
using ActorQueue.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ActorQueue.Seed.Startup;

/// <summary>
/// Says where the seed listens once everything has started: the HTTP URL (the port actually bound, also with
/// <c>--http HOST:0</c>), the Akka address worker nodes join, and that the seed is ready. The TCP listener logs
/// its own address as it binds (<c>TcpListening</c>).
/// </summary>
internal sealed class SeedAddressesLog(
    IHostApplicationLifetime lifetime, IServer server, NodeIdentity node, SeedSettings settings, ILogger<SeedAddressesLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(LogAddresses);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void LogAddresses()
    {
        var urls = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        foreach (var url in urls)
        {
            SeedLog.HttpListening(logger, url);
        }
        if (node.Address is { } address)
        {
            SeedLog.AkkaListening(logger, address, urls.FirstOrDefault() ?? $"http://{settings.Http}");
        }
        SeedLog.SeedReady(logger, node.Name, StoreFactory.Describe(settings.Store));
    }
}
