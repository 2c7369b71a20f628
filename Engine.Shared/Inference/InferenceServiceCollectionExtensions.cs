using ActorQueue.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
    /// The node's inference pool, started with the worker node. Without <c>Inference:Model:Path</c> it starts
    /// nothing; with a model it cannot load it logs one sentence and the node runs on without inference.
    /// </summary>
    public static IServiceCollection AddInferencePool(this IServiceCollection services)
    {
        services.AddSingleton<InferencePool>();
        services.AddHostedService(provider => provider.GetRequiredService<InferencePool>());
        return services;
    }
}
