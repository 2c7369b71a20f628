using ActorQueue.Seed.Dashboard.Activity;
using ActorQueue.Seed.Dashboard.Assets;
using ActorQueue.Seed.Dashboard.Feed;

namespace ActorQueue.Seed.Dashboard;

internal static class DashboardServiceCollectionExtensions
{
    /// <summary>The dashboard's files, its activity counters (from the start, for the history) and its live feed.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<DashboardAssets>();
        services.AddSingleton<JobActivity>();
        services.AddSingleton<SnapshotBuilder>();
        services.AddSingleton<DashboardFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<DashboardFeed>());
        return services;
    }
}
