using ActorQueue.Hosting;
using ActorQueue.Imaging;
using ActorQueue.Inference.Preprocessing;
using ActorQueue.Jobs;
using ActorQueue.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ActorQueue.Inference;

public static class InferenceServiceCollectionExtensions
{
    /// <summary>The <c>Inference</c> options and meters (exported at <c>/metrics</c>); every process registers them.</summary>
    public static IServiceCollection AddInferenceCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<InferenceOptions>(configuration.GetSection(InferenceOptions.Section));
        services.AddSingleton<InferenceInstruments>();
        services.AddSingleton<IInstruments>(provider => provider.GetRequiredService<InferenceInstruments>());
        return services;
    }

    /// <summary>
    /// The node's inference pool, started with the worker node, and the <c>inference.classify</c> job kind on
    /// queue <c>inference</c> (sized by <see cref="InferenceQueueSizing"/>). Without <c>Inference:Model:Path</c>
    /// it starts nothing and the node neither advertises nor claims the kind; with a model it cannot load it
    /// logs one sentence, stops advertising and claiming the kind, and the node runs on without inference.
    /// </summary>
    public static IServiceCollection AddInferencePool(this IServiceCollection services)
    {
        services.AddSingleton<InferencePool>();
        services.AddHostedService(provider => provider.GetRequiredService<InferencePool>());
        services.AddSingleton<IJobKindAvailability>(provider => provider.GetRequiredService<InferencePool>());
        services.AddSingleton<IPostConfigureOptions<WorkerNodeOptions>, InferenceQueueSizing>();
        services.AddSingleton<ImagePreprocessor>();
        services.AddJobHandler<ClassifyJobHandler>();
        services.AddSingleton<IJobKindAvailability>(provider =>
            new LibvipsAvailability(provider.GetRequiredService<ImagingRuntime>(), ClassifyJobHandler.JobKind, ClassifyJobHandler.Queue));
        return services;
    }
}
