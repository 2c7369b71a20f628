using ActorQueue.Cluster;
using ActorQueue.Hosting;
using ActorQueue.Inference.Repository;
using ActorQueue.Jobs;
using ActorQueue.Logging;
using ActorQueue.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorQueue.Node.Startup;

/// <summary>
/// The worker node executable: joins the cluster through the shared store and runs the queue pools.
/// A worker node needs a store other processes can reach, so it refuses the embedded SQLite file.
/// </summary>
internal static class NodeApp
{
    public const string Usage =
        "Usage: Engine.Node --store postgres://USER:PASSWORD@HOST:5432/DB [--seed URL] [--api-token TOKEN] [--name NAME] [--queues default=4,image=2] [--models DIR] [--model PATH.onnx] [--labels PATH.txt] [--log-format text|json] [--Section:Key=value …]";

    public static async Task<int> RunAsync(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        Dictionary<string, string?> flags;
        try
        {
            flags = NodeFlags.Parse(args);
        }
        catch (NodeFlagException exception)
        {
            await Console.Error.WriteLineAsync($"Engine.Node: {exception.Message}");
            return exception.IsHelp ? 0 : 2;
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
            await Console.Error.WriteLineAsync($"Engine.Node: --store is required: the PostgreSQL database the seed uses. {Usage}");
            return 2;
        }
        if (StoreFactory.IsSqlite(store))
        {
            await Console.Error.WriteLineAsync(
                "Engine.Node: a worker node cannot use a SQLite store: the embedded SQLite file belongs to one seed process. Run Engine.Seed alone (it has an in-process worker node), or give both a PostgreSQL --store.");
            return 2;
        }

        if (ModelRepository.Check(configuration) is { } missing)
        {
            await Console.Error.WriteLineAsync($"Engine.Node: {missing}");
            return 2;
        }

        var name = configuration["Name"] ?? Environment.MachineName;
        var format = configuration["LogFormat"] ?? configuration["LOG_FORMAT"] ?? "text";
        builder.Logging.AddActorQueueConsole(format, name, "node");
        var jobOptions = new JobOptions();
        configuration.GetSection(JobOptions.Section).Bind(jobOptions);
        IStore opened;
        try
        {
            opened = StoreFactory.Open(store, jobOptions, TimeProvider.System);
        }
        catch (StoreUnavailableException exception)
        {
            await Console.Error.WriteLineAsync($"Engine.Node: {exception.Message}");
            return 1;
        }
        await using (opened)
        {
            if (configuration["Seed"] is { Length: > 0 } seedText)
            {
                if (!Uri.TryCreate(seedText.EndsWith('/') ? seedText : seedText + "/", UriKind.Absolute, out var seed) || seed.Scheme is not ("http" or "https"))
                {
                    await Console.Error.WriteLineAsync($"Engine.Node: --seed must be the seed's HTTP URL such as http://seed:8080, not '{seedText}'.");
                    return 2;
                }
                var (outcome, detail) = await SeedCheck.RunAsync(seed, configuration["ApiToken"] ?? configuration["API_TOKEN"], opened, CancellationToken.None);
                if (outcome == SeedCheck.Outcome.OtherStore)
                {
                    await Console.Error.WriteLineAsync($"Engine.Node: {detail}.");
                    return 2;
                }
                if (outcome == SeedCheck.Outcome.SeedUnreachable)
                {
                    await Console.Error.WriteLineAsync($"Engine.Node: warning: {detail}; joining through the store anyway.");
                }
            }
            var node = new NodeIdentity(name, NodeRole.Worker, address: null, TimeProvider.System.GetUtcNow());
            // A node takes the leader duties only while no seed is up (see LeaderElection).
            builder.Services.AddActorQueueCore(configuration, opened, node).AddWorkerNode().AddLeaderDuties();
            configureServices?.Invoke(builder.Services);
            using var host = builder.Build();
            await host.RunAsync();
        }
        // Non-zero when the cluster marked this member down (see MembershipService).
        return Environment.ExitCode;
    }
}
