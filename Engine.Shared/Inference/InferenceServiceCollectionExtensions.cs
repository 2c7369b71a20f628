using ActorQueue.Cluster;
using ActorQueue.Hosting;
using ActorQueue.Imaging;
using ActorQueue.Inference.Preprocessing;
using ActorQueue.Inference.Repository;
using ActorQueue.Inference.Routing;
using ActorQueue.Jobs;
using ActorQueue.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ActorQueue.Inference;

public static class InferenceServiceCollectionExtensions
{
    /// <summary>
    /// The <c>Inference</c> options, meters (exported at <c>/metrics</c>) and the routing of classify jobs to
    /// their model's queue; every process registers them, since every seed takes classify jobs.
    /// </summary>
    public static IServiceCollection AddInferenceCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<InferenceOptions>(configuration.GetSection(InferenceOptions.Section));
        services.AddSingleton<InferenceInstruments>();
        services.AddSingleton<IInstruments>(provider => provider.GetRequiredService<InferenceInstruments>());
        services.AddSingleton<ClusterModels>();
        services.AddSingleton<ClassifyRouter>();
        services.AddSingleton<IJobRouter>(provider => provider.GetRequiredService<ClassifyRouter>());
        return services;
    }

    /// <summary>
    /// The node's models (one inference pool per model of the repository and of <c>--model</c>), started with
    /// the worker node, and the <c>inference.classify</c> job kind on one queue per model (sized by
    /// <see cref="InferenceQueueSizing"/>). A model that is refused or cannot load logs one sentence, its queue
    /// is not claimed from, and the node runs on with its other models; without any model the node neither
    /// advertises nor claims the kind.
    /// </summary>
    public static IServiceCollection AddInferencePool(this IServiceCollection services)
    {
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton(SessionLoader.Onnx);
        services.AddSingleton<InferenceModels>();
        services.AddHostedService(provider => provider.GetRequiredService<InferenceModels>());
        services.AddSingleton<IJobKindAvailability>(provider => provider.GetRequiredService<InferenceModels>());
        services.AddSingleton<IModelAdvertiser>(provider => provider.GetRequiredService<InferenceModels>());
        services.AddSingleton<IPostConfigureOptions<WorkerNodeOptions>, InferenceQueueSizing>();
        services.AddSingleton<ImagePreprocessor>();
        services.AddJobHandler<ClassifyJobHandler>();
        services.AddSingleton<IJobKindAvailability>(provider => new ClassifyImagingGate(
            new LibvipsAvailability(provider.GetRequiredService<ImagingRuntime>(), ClassifyJobHandler.JobKind, ClassifyJobHandler.Queue)));
        return services;
    }
}
