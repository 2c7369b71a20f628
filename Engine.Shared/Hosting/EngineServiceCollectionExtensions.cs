using ActorQueue.Cluster;
using ActorQueue.Datasets;
using ActorQueue.Datasets.Ingestion;
using ActorQueue.Datasets.Sharding;
using ActorQueue.Hosting.Duties;
using ActorQueue.Imaging;
using ActorQueue.Inference;
using ActorQueue.Jobs;
using ActorQueue.Metrics;
using ActorQueue.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ActorQueue.Hosting;

public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// The engine core every process needs: options, the store (opened once), the handler registry with
    /// the built-in kinds, metrics and the node identity.
    /// </summary>
    public static IServiceCollection AddActorQueueCore(this IServiceCollection services, IConfiguration configuration, IStore store, NodeIdentity node)
    {
        var jobOptions = new JobOptions();
        configuration.GetSection(JobOptions.Section).Bind(jobOptions);
        services.AddSingleton(jobOptions);
        services.Configure<WorkerNodeOptions>(configuration.GetSection(WorkerNodeOptions.Section));
        services.Configure<ClusterOptions>(configuration.GetSection(ClusterOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(store);
        if (store is IBlobStore blobs)
        {
            services.AddSingleton(blobs);
        }
        services.AddSingleton(node);
        services.AddSingleton<JobHandlerRegistry>();
        services.AddSingleton<LocalKinds>();
        services.AddSingleton<ClusterKinds>();
        services.AddSingleton<JobSubmissionValidator>();
        services.AddSingleton<RetryPolicy>();
        services.AddSingleton<JobInstruments>();
        services.AddSingleton<IInstruments>(provider => provider.GetRequiredService<JobInstruments>());
        services.AddInferenceCore(configuration);
        services.AddSingleton<PrometheusExporter>();
        services.AddBuiltInJobHandlers();
        var datasetOptions = new DatasetOptions();
        configuration.GetSection(DatasetOptions.Section).Bind(datasetOptions);
        datasetOptions.Validate();
        services.AddSingleton(datasetOptions);
        services.AddSingleton<RowProcessorRegistry>();
        services.AddBuiltInRowProcessors();
        services.AddSingleton((IDatasetStore)store);
        services.AddSingleton<DatasetIngestor>();
        services.AddImaging(configuration);
        // First hosted service: it joins before the others start and records "left" after they stop.
        services.AddHostedService<MembershipService>();
        return services;
    }

    /// <summary>Runs a worker node (the queue pools) in this process.</summary>
    public static IServiceCollection AddWorkerNode(this IServiceCollection services)
    {
        // The inference pool starts before the pools (its actors load the model meanwhile) and stops after
        // they drain, so that running classify jobs can finish.
        services.AddInferencePool();
        services.AddSingleton<WorkerNode>();
        services.AddHostedService(provider => provider.GetRequiredService<WorkerNode>());
        // The shard region starts after the pools and, stopping first, hands its datasets off before they stop.
        services.AddSingleton<ShardRegion>();
        services.AddHostedService(provider => provider.GetRequiredService<ShardRegion>());
        return services;
    }

    /// <summary>Runs the leader duties (rescue, promotion, pruning) in this process.</summary>
    public static IServiceCollection AddLeaderDuties(this IServiceCollection services)
    {
        services.AddSingleton<LeaderElection>();
        services.AddHostedService<LeaderDuties>();
        return services;
    }
}
