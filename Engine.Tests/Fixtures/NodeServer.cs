using ActorQueue.Hosting;
using ActorQueue.Node.Startup;
using ActorQueue.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorQueue.Tests.Fixtures;

/// <summary>
/// A worker node inside the test process (its own host and actor system, composed exactly as <c>Engine.Node</c>
/// composes it), for cluster specs that put several members in one process. Faults that need a real process
/// (kill -9, SIGSTOP) use <see cref="NodeProcess"/>.
/// </summary>
public sealed class NodeServer : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly IStore _store;
    private bool _stopped;

    private NodeServer(IHost host, IStore store, string name)
    {
        _host = host;
        _store = store;
        Name = name;
    }

    public string Name { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>The member id, once up.</summary>
    public string MemberId => Services.GetRequiredService<NodeIdentity>().Id;

    public static async Task<NodeServer> StartAsync(string store, string name, string[] extraArgs, Action<IServiceCollection>? configureServices = null)
    {
        string[] args = ["--store", store, "--name", name, "--log-format", "text", "--Logging:LogLevel:Default=Warning", .. extraArgs];
        var (host, opened) = await NodeApp.BuildAsync(args, configureServices);
        var node = new NodeServer(host, opened, name);
        try
        {
            await host.StartAsync();
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
        return node;
    }

    /// <summary>Stops the node as SIGTERM would: it drains, leaves the cluster and ends.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
        await _store.DisposeAsync();
    }
}
