using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ActorQueue.Cluster.Commands;

/// <summary>
/// Every process's answer to <c>aq cluster join ADDRESS</c> (at <c>/user/membership-agent</c>): a process
/// that is not in a cluster yet (still looking for its seed) joins the one it is told to; a member of a
/// cluster says so, since Akka cannot move a member from one cluster to another without a restart.
/// </summary>
internal sealed class MembershipAgent : ReceiveActor
{
    public const string Name = "membership-agent";

    public MembershipAgent()
    {
        var cluster = AkkaCluster.Get(Context.System);
        Receive<JoinCluster>(join =>
        {
            var self = cluster.SelfMember;
            if (self.Status is not MemberStatus.Removed)
            {
                Sender.Tell(new JoinAnswer(false,
                    $"{cluster.SelfAddress} is already a member of a cluster ({Describe(self.Status)}); restart it with --seed to move it to another."));
                return;
            }
            cluster.Join(Address.Parse(join.SeedAddress));
            Sender.Tell(new JoinAnswer(true, $"{cluster.SelfAddress} is joining the cluster at {join.SeedAddress}."));
        });
    }

    private static string Describe(MemberStatus status) => $"status {status.ToString().ToLowerInvariant()}";
}

internal static class MembershipAgentHostingExtensions
{
    public static AkkaConfigurationBuilder AddMembershipAgent(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry) => registry.Register<MembershipAgent>(system.ActorOf(Props.Create<MembershipAgent>(), MembershipAgent.Name)));
}
