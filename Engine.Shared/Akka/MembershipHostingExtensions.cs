using ActorQueue.Cluster;
using ActorQueue.Cluster.Directory;
using ActorQueue.Hosting;
using Akka.Actor;
using Akka.DependencyInjection;
using Akka.Hosting;
using Akka.Remote;
using Microsoft.Extensions.Logging;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ActorQueue.Akka;

/// <summary>This member's identity, how it joins, and how it stops when the cluster removes it.</summary>
internal static class MembershipHostingExtensions
{
    /// <summary>
    /// Gives <see cref="NodeIdentity"/> its member id and address as soon as the actor system is up, before
    /// any actor of the engine starts (so every ledger write carries them).
    /// </summary>
    public static AkkaConfigurationBuilder AddMemberIdentity(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, _, resolver) =>
        {
            var cluster = AkkaCluster.Get(system);
            resolver.GetService<NodeIdentity>().Bind(MemberIds.Of(cluster.SelfUniqueAddress), cluster.SelfAddress.ToString());
        });

    /// <summary>
    /// Joins as <paramref name="plan"/> says, logs when this member is up, and stops the process (exit code 1)
    /// when the cluster downs it, or when another member quarantines it (it was removed while it could not be
    /// heard: a node frozen past the failure detector and thawed). <see cref="MemberUpGate"/> watches the join.
    /// </summary>
    public static AkkaConfigurationBuilder AddJoining(this AkkaConfigurationBuilder builder, JoinPlan plan) =>
        builder.AddStartup((system, _) =>
        {
            var services = DependencyResolver.For(system).Resolver;
            var logger = services.GetService<ILoggerFactory>().CreateLogger("ActorQueue.Cluster.Membership");
            var exit = services.GetService<NodeExit>();
            var node = services.GetService<NodeIdentity>();
            var settings = services.GetService<AkkaNodeSettings>();
            var cluster = AkkaCluster.Get(system);

            var contacts = plan.FoundIfAlone
                ? [cluster.SelfAddress, .. plan.Contacts.Where(a => a != cluster.SelfAddress)]
                : plan.Contacts.ToList();
            ClusterLog.Joining(logger, string.Join(", ", contacts));
            cluster.JoinSeedNodes(contacts);

            cluster.RegisterOnMemberUp(() =>
                ClusterLog.SelfUp(logger, node.Name, node.Id, node.Address ?? "", string.Join(",", settings.Roles)));
            var shutdown = CoordinatedShutdown.Get(system);
            cluster.RegisterOnMemberRemoved(() =>
            {
                if (shutdown.ShutdownReason is CoordinatedShutdown.ClusterDowningReason)
                {
                    exit.Removed("the cluster marked this member down; its jobs were taken over");
                }
            });
            var quarantined = system.ActorOf(Props.Create(() => new QuarantineWatch(exit)), "quarantine-watch");
            system.EventStream.Subscribe(quarantined, typeof(ThisActorSystemQuarantinedEvent));
        });

    /// <summary>Hears that another member quarantined this one: the cluster removed it, so it must stop.</summary>
    private sealed class QuarantineWatch : ReceiveActor
    {
        public QuarantineWatch(NodeExit exit) =>
            Receive<ThisActorSystemQuarantinedEvent>(e =>
            {
                // Down in its own view too, so that its shutdown skips the leave phases (nobody would answer them).
                var cluster = AkkaCluster.Get(Context.System);
                cluster.Down(cluster.SelfAddress);
                exit.Removed($"member {e.RemoteAddress} quarantined this one: the cluster removed it while it could not be heard");
            });
    }
}
