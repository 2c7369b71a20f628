using ActorQueue.Akka.Serialization;
using ActorQueue.Cluster.Commands;
using ActorQueue.Cluster.Directory;
using ActorQueue.Cluster.Duties;
using ActorQueue.Cluster.Leases;
using ActorQueue.Cluster.Signals;
using ActorQueue.Datasets.Sharding;
using ActorQueue.Dispatch;
using ActorQueue.Hosting;
using ActorQueue.Cluster;
using ActorQueue.Jobs;
using ActorQueue.Metrics;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using AkkaLogLevel = Akka.Event.LogLevel;
using HostingClusterOptions = Akka.Cluster.Hosting.ClusterOptions;

namespace ActorQueue.Akka;

public static class ActorSystemServiceCollectionExtensions
{
    /// <summary>
    /// This process's one <c>ActorSystem</c>, wired with Akka.Hosting: remoting, clustering with its roles, the
    /// split-brain resolver on the ledger lease, our serializer, DistributedPubSub, and the engine's features,
    /// each added by its own extension next to its actor: the cluster directory, the signal bridge, the duties
    /// singleton, the dataset entities (a shard region on a worker, a proxy elsewhere) and, on a worker, the queue
    /// pools. Joining follows <paramref name="join"/>.
    /// </summary>
    public static IServiceCollection AddActorQueueActorSystem(this IServiceCollection services, AkkaNodeSettings settings, JoinPlan join,
        Action<AkkaConfigurationBuilder, IServiceProvider>? features = null)
    {
        services.AddSingleton(settings);
        services.AddSingleton(join);
        services.AddSingleton<MembershipView>();
        services.AddSingleton<ClusterInstruments>();
        services.AddSingleton<IInstruments>(provider => provider.GetRequiredService<ClusterInstruments>());
        services.AddSingleton<NodeExit>();
        services.AddSingleton<ClusterCommands>();
        services.AddSingleton(provider => new LocalCapabilities(
            provider.GetRequiredService<NodeIdentity>(),
            provider.GetRequiredService<IOptions<WorkerNodeOptions>>(),
            provider.GetRequiredService<LocalKinds>(),
            settings.IsWorker ? provider.GetService<IModelAdvertiser>() : null,
            settings.IsWorker));
        services.AddAkka(AkkaNodeSettings.SystemName, (builder, provider) =>
        {
            var lease = new LedgerLeaseOption();
            lease.Apply(builder);
            builder
                .ConfigureLoggers(loggers =>
                {
                    loggers.LogLevel = AkkaLogLevel.InfoLevel;
                    loggers.ClearLoggers();
                    loggers.AddLoggerFactory();
                })
                .AddHocon(ActorQueueHocon.For(settings), HoconAddMode.Prepend)
                .WithRemoting(new RemoteOptions { HostName = settings.Host, Port = settings.Port, PublicHostName = settings.PublicHost })
                .WithClustering(new HostingClusterOptions
                {
                    Roles = [.. settings.Roles],
                    AppVersion = LocalCapabilities.EngineVersion,
                    SplitBrainResolver = new LeaseMajorityOption { LeaseImplementation = lease, LeaseName = "actorqueue-sbr" },
                })
                .WithCustomSerializer("actorqueue", [typeof(IClusterMessage)], system => new ClusterMessageSerializer(system))
                .WithDistributedPubSub(string.Empty)
                .AddMemberIdentity()
                .AddMembershipAgent()
                .AddClusterDirectory()
                .AddSignalBridge(settings)
                .AddClusterDuties()
                .AddDatasets(settings, provider);
            if (settings.IsWorker)
            {
                builder.AddWorkerPools(provider.GetRequiredService<IOptions<WorkerNodeOptions>>().Value.EffectiveQueues, settings.DrainTimeout);
            }
            features?.Invoke(builder, provider);
            builder.AddJoining(join);
        });
        services.AddHostedService<MemberUpGate>();
        return services;
    }
}
