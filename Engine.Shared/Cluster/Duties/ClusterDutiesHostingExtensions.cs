using Akka.Cluster.Hosting;
using Akka.Hosting;

namespace ActorQueue.Cluster.Duties;

/// <summary>Runs <see cref="ClusterDuties"/> as a cluster singleton on every member's behalf.</summary>
internal static class ClusterDutiesHostingExtensions
{
    public static AkkaConfigurationBuilder AddClusterDuties(this AkkaConfigurationBuilder builder) =>
        builder.WithSingleton<ClusterDuties>(ClusterDuties.Name,
            (_, _, resolver) => resolver.Props<ClusterDuties>(),
            new ClusterSingletonOptions { Role = null },
            createProxyToo: false);
}
