using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace ActorQueue.Jobs;

public static class JobServiceCollectionExtensions
{
    /// <summary>
    /// Registers a handler for the kind it declares. The handler is scoped: each pool actor gets its own
    /// instance, and a fresh one after its supervisor restarts it.
    /// </summary>
    public static IServiceCollection AddJobHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IServiceCollection services)
        where THandler : class, IJobHandler
    {
        services.AddScoped<THandler>();
        services.AddSingleton(provider =>
        {
            // Construct once, outside any actor, only to read its kind and default queue.
            using var scope = provider.CreateScope();
            var handler = scope.ServiceProvider.GetRequiredService<THandler>();
            return new JobHandlerRegistration(handler.Kind, handler.DefaultQueue, typeof(THandler));
        });
        return services;
    }

    /// <summary>The built-in kinds <c>echo</c>, <c>sleep</c> and <c>fail</c>, for tests and demos.</summary>
    public static IServiceCollection AddBuiltInJobHandlers(this IServiceCollection services) =>
        services
            .AddJobHandler<BuiltIn.EchoHandler>()
            .AddJobHandler<BuiltIn.SleepHandler>()
            .AddJobHandler<BuiltIn.FailHandler>();
}
