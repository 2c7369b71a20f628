using Akka.Actor;

namespace ActorQueue.Akka;

/// <summary>
/// How this member joins a cluster, decided before the actor system starts:
/// <list type="bullet">
/// <item>A seed (<see cref="FoundIfAlone"/>) joins the members the ledger last recorded, if any of them
/// answers within the seed-node timeout, and otherwise founds the cluster itself: after a seed restart the
/// workers that kept running are its cluster again, with no one restarting them.</item>
/// <item>A worker joins <see cref="Contacts"/> (the seed it was pointed at, and the members the seed named)
/// and keeps trying until one answers, for at most <c>Cluster:JoinTimeoutSeconds</c>.</item>
/// </list>
/// </summary>
public sealed record JoinPlan(IReadOnlyList<Address> Contacts, bool FoundIfAlone)
{
    public static JoinPlan Seed(IEnumerable<Address> recordedMembers) => new([.. recordedMembers.Distinct()], FoundIfAlone: true);

    public static JoinPlan Worker(IEnumerable<Address> contacts) => new([.. contacts.Distinct()], FoundIfAlone: false);
}
