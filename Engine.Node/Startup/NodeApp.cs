using ActorQueue.Akka;
using ActorQueue.Hosting;
using ActorQueue.Inference.Repository;
using ActorQueue.Jobs;
using ActorQueue.Logging;
using ActorQueue.Storage;
using Akka.Actor;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorQueue.Node.Startup;

/// <summary>
/// The worker node executable: joins the seed's Akka cluster and runs the queue pools, on the seed's PostgreSQL ledger.
/// A worker node needs a store other processes can reach, so it refuses the embedded SQLite file.
/// </summary>
internal static class NodeApp
{
    public const string Usage =
        "Usage: Engine.Node --store postgres://USER:PASSWORD@HOST:5432/DB (--seed http://SEED:8080 | --seed-node akka.tcp://actorqueue@SEED:4053) [--api-token TOKEN] [--name NAME] " +
        "[--queues default=4,image=2] [--models DIR] [--model PATH.onnx] [--labels PATH.txt] [--akka-host ADDRESS] [--akka-port PORT] [--akka-public-host HOST] [--log-format text|json] [--Section:Key=value …]";

    /// <summary>Runs until SIGTERM/Ctrl-C or until the cluster removes this member. Exit codes: 0 clean stop, 1 cannot start or removed, 2 bad flags.</summary>
    public static async Task<int> RunAsync(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        IHost host;
        IStore store;
        try
        {
            (host, store) = await BuildAsync(args, configureServices);
        }
        catch (NodeStartException exception)
        {
            await (exception.ExitCode == 0 ? Console.Out : Console.Error).WriteLineAsync(exception.ExitCode == 0 ? exception.Message : $"Engine.Node: {exception.Message}");
            return exception.ExitCode;
        }
        await using (store)
        {
            using (host)
            {
                var exit = host.Services.GetRequiredService<NodeExit>();
                await host.RunAsync();
                return exit.ExitCode;
            }
        }
    }

    /// <summary>The node, ready to start, and its store (the caller disposes both); <see cref="NodeStartException"/> says why not.</summary>
    internal static async Task<(IHost Host, IStore Store)> BuildAsync(string[] args, Action<IServiceCollection>? configureServices)
    {
        Dictionary<string, string?> flags;
        try
        {
            flags = NodeFlags.Parse(args);
        }
        catch (NodeFlagException exception)
        {
            throw new NodeStartException(exception.IsHelp ? 0 : 2, exception.Message);
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        // Lowest precedence, as in the seed: the engine's events at Information, the host's chatter off.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            },
        });
        builder.Configuration.AddEnvironmentVariables("AQ_");
        builder.Configuration.AddInMemoryCollection(flags);
        var configuration = builder.Configuration;
        var store = configuration["Store"] ?? configuration["STORE"];
        if (string.IsNullOrEmpty(store))
        {
            throw new NodeStartException(2, $"--store is required: the PostgreSQL database the seed uses. {Usage}");
        }
        if (StoreFactory.IsSqlite(store))
        {
            throw new NodeStartException(2,
                "a worker node cannot use a SQLite store: the embedded SQLite file belongs to one seed process. Run Engine.Seed alone (it has an in-process worker node), or give both a PostgreSQL --store.");
        }

        if (ModelRepository.Check(configuration) is { } missing)
        {
            throw new NodeStartException(2, missing);
        }

        var name = configuration["Name"] ?? Environment.MachineName;
        var format = configuration["LogFormat"] ?? configuration["LOG_FORMAT"] ?? "text";
        builder.Logging.AddActorQueueConsole(format, name, "node");
        var jobOptions = new JobOptions();
        configuration.GetSection(JobOptions.Section).Bind(jobOptions);
        AkkaNodeSettings akka;
        try
        {
            akka = AkkaSettingsFrom(configuration);
            AkkaPort.EnsureFree(akka);
        }
        catch (AkkaSettingsException exception)
        {
            throw new NodeStartException(2, exception.Message);
        }
        catch (PortInUseException exception)
        {
            throw new NodeStartException(1, exception.Message);
        }
        IStore opened;
        try
        {
            opened = StoreFactory.Open(store, jobOptions, TimeProvider.System);
        }
        catch (StoreUnavailableException exception)
        {
            throw new NodeStartException(1, exception.Message);
        }
        try
        {
            var contacts = await ContactsAsync(configuration, akka, name, opened);
            var node = new NodeIdentity(name, NodeRole.Worker, TimeProvider.System.GetUtcNow());
            builder.Services.AddActorQueueCore(configuration, opened, node)
                .AddActorQueueActorSystem(akka, JoinPlan.Worker(contacts))
                .AddWorkerNode();
            configureServices?.Invoke(builder.Services);
            return (builder.Build(), opened);
        }
        catch
        {
            await opened.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Whom to join: the seed named by <c>--seed URL</c> (checked, see <see cref="SeedCheck"/>), else the
    /// addresses of <c>--seed-node</c>, else the members the ledger last recorded.
    /// </summary>
    private static async Task<IReadOnlyList<Address>> ContactsAsync(IConfiguration configuration, AkkaNodeSettings akka, string name, IStore store)
    {
        if (configuration["Seed"] is { Length: > 0 } seedText)
        {
            if (!Uri.TryCreate(seedText.EndsWith('/') ? seedText : seedText + "/", UriKind.Absolute, out var seed) || seed.Scheme is not ("http" or "https"))
            {
                throw new NodeStartException(2, $"--seed must be the seed's HTTP URL such as http://seed:8080, not '{seedText}' (an Akka address goes with --seed-node).");
            }
            return await SeedCheck.ContactsAsync(seed, configuration["ApiToken"] ?? configuration["API_TOKEN"], name, store, CancellationToken.None);
        }
        if (akka.SeedNodes.Count > 0)
        {
            return akka.SeedNodes;
        }
        var recorded = await store.ReadClusterMembersAsync(CancellationToken.None);
        return recorded.Count > 0
            ? [.. recorded.Select(m => Address.Parse(m.Address))]
            : throw new NodeStartException(2, "no cluster to join: give --seed http://SEED:8080 (or --seed-node akka.tcp://actorqueue@SEED:4053); the database names no running member.");
    }

    private static AkkaNodeSettings AkkaSettingsFrom(IConfiguration configuration)
    {
        var options = configuration.GetSection(AkkaOptions.Section).Get<AkkaOptions>() ?? new AkkaOptions();
        var timings = configuration.GetSection(ClusterTimingOptions.Section).Get<ClusterTimingOptions>() ?? new ClusterTimingOptions();
        var drain = TimeSpan.FromSeconds(configuration.GetValue($"{WorkerNodeOptions.Section}:ShutdownTimeoutSeconds", 30.0));
        return AkkaNodeSettings.From(options, timings, [AkkaNodeSettings.WorkerRole], defaultPort: 0, drain);
    }
}
