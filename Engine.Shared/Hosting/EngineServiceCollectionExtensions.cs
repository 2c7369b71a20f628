using ActorQueue.Datasets;
using ActorQueue.Datasets.Ingestion;
using ActorQueue.Datasets.Sharding;
using ActorQueue.Dispatch;
using ActorQueue.Imaging;
using ActorQueue.Inference;
using ActorQueue.Jobs;
using ActorQueue.Metrics;
using ActorQueue.Storage;
using ActorQueue.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ActorQueue.Hosting;

public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// The engine core every process needs: options, the store (opened once), the handler registry with
    /// the built-in kinds, metrics and traces (OpenTelemetry) and the node identity.
    /// </summary>
    public static IServiceCollection AddActorQueueCore(this IServiceCollection services, IConfiguration configuration, IStore store, NodeIdentity node)
    {
        var jobOptions = new JobOptions();
        configuration.GetSection(JobOptions.Section).Bind(jobOptions);
        services.AddSingleton(jobOptions);
        services.Configure<WorkerNodeOptions>(configuration.GetSection(WorkerNodeOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(store);
        services.AddSingleton(store.Signals);
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
        services.AddSingleton<JobGauges>();
        services.AddSingleton<IInstruments>(provider => provider.GetRequiredService<JobGauges>());
        services.AddInferenceCore(configuration);
        services.AddActorQueueTelemetry(configuration, node);
        services.AddBuiltInJobHandlers();
        var datasetOptions = new DatasetOptions();
        configuration.GetSection(DatasetOptions.Section).Bind(datasetOptions);
        datasetOptions.Validate();
        services.AddSingleton(datasetOptions);
        services.AddSingleton<RowProcessorRegistry>();
        services.AddBuiltInRowProcessors();
        services.AddSingleton((IDatasetStore)store);
        services.AddSingleton<DatasetIngestor>();
        services.AddSingleton<DatasetNudges>();
        services.AddSingleton<DatasetPlacement>();
        services.AddSingleton<ShardGauges>();
        services.AddSingleton<IInstruments>(provider => provider.GetRequiredService<ShardGauges>());
        services.AddImaging(configuration);
        services.AddSingleton<DispatchStatus>();
        return services;
    }

    /// <summary>
    /// What a worker node needs besides what runs in its actor system (queue pools and the dataset shard region,
    /// see <c>AddActorQueueActorSystem</c>): the inference pool.
    /// </summary>
    public static IServiceCollection AddWorkerNode(this IServiceCollection services)
    {
        services.AddInferencePool();
        return services;
    }
}
