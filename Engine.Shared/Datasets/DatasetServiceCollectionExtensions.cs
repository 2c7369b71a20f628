using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ActorQueue.Datasets;

public static class DatasetServiceCollectionExtensions
{
    /// <summary>Registers a row processor under the name it declares. Processors are singletons: keep state in <see cref="IRowProcessorState"/>.</summary>
    public static IServiceCollection AddRowProcessor<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProcessor>(
        this IServiceCollection services)
        where TProcessor : class, IRowProcessor
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRowProcessor, TProcessor>());
        return services;
    }

    /// <summary>The built-in processors <c>running-stats</c> and <c>delta</c>.</summary>
    public static IServiceCollection AddBuiltInRowProcessors(this IServiceCollection services) =>
        services
            .AddRowProcessor<Processors.RunningStatsProcessor>()
            .AddRowProcessor<Processors.DeltaProcessor>();
}
