using ActorQueue.Akka;
using ActorQueue.Cluster.Directory;
using Akka.Actor;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ActorQueue.Cluster.Commands;

/// <summary>
/// The pbm palette's commands, carried out with Akka's own cluster API on the member that serves them (the
/// seed). A member is named by its name, address or id (<see cref="MembershipSnapshot.Find"/>); each failure is
/// a <see cref="ClusterCommandException"/> with the sentence the user sees.
/// </summary>
public sealed class ClusterCommands(ActorSystem system, MembershipView view)
{
    private static readonly TimeSpan JoinAnswerTimeout = TimeSpan.FromSeconds(5);

    private AkkaCluster Cluster => AkkaCluster.Get(system);

    /// <summary>The member named <paramref name="member"/>; 404 when none matches, 409 when a name matches several.</summary>
    public MemberInfo Find(string member)
    {
        try
        {
            return view.Current.Find(member)
                ?? throw new ClusterCommandException(404, "Member not found",
                    $"No member of the cluster has the name, address or id '{member}'; aq cluster show lists them.");
        }
        catch (AmbiguousMemberException exception)
        {
            throw new ClusterCommandException(409, "Ambiguous member", exception.Message);
        }
    }

    /// <summary>Asks <paramref name="member"/> to leave gracefully: it stops claiming, finishes what it runs, then exits.</summary>
    public MemberInfo Leave(string member)
    {
        var target = Active(Find(member), "leave");
        Cluster.Leave(Address.Parse(target.Address));
        return target with { Status = "leaving" };
    }

    /// <summary>Marks <paramref name="member"/> down now: the ledger fences it and its jobs go back to the queue.</summary>
    public MemberInfo Down(string member)
    {
        var target = Active(Find(member), "down");
        if (target.Id == view.Current.SelfId)
        {
            throw new ClusterCommandException(409, "Cannot down this member",
                $"{target.Name} serves this request; a member cannot mark itself down. Use leave to stop it gracefully.");
        }
        Cluster.Down(Address.Parse(target.Address));
        return target with { Status = "down" };
    }

    /// <summary>Downs every member the failure detector says is unreachable; answers which.</summary>
    public IReadOnlyList<MemberInfo> DownUnreachable()
    {
        var unreachable = view.Current.Members.Where(m => !m.Reachable && m.Id != view.Current.SelfId && m.Status != "down").ToList();
        foreach (var member in unreachable)
        {
            Cluster.Down(Address.Parse(member.Address));
        }
        return [.. unreachable.Select(m => m with { Status = "down" })];
    }

    /// <summary>Tells the process at <paramref name="address"/>, not yet in a cluster, to join this one.</summary>
    public async Task<string> JoinAsync(string address, CancellationToken cancellationToken)
    {
        Address target;
        try
        {
            target = AkkaNodeSettings.ParseAddress(address, "address");
        }
        catch (AkkaSettingsException exception)
        {
            throw new ClusterCommandException(400, "Invalid address", exception.Message);
        }
        if (view.Current.Members.Any(m => m.Address == target.ToString()))
        {
            throw new ClusterCommandException(409, "Already a member", $"{target} is already a member of this cluster.");
        }
        var agent = system.ActorSelection(new RootActorPath(target) / "user" / MembershipAgent.Name);
        JoinAnswer answer;
        try
        {
            answer = await agent.Ask<JoinAnswer>(new JoinCluster(Cluster.SelfAddress.ToString()), JoinAnswerTimeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            throw new ClusterCommandException(502, "Address not answering",
                $"No ActorQueue process answered at {target} within {JoinAnswerTimeout.TotalSeconds:0} s; check the address and that this seed can reach it.");
        }
        return answer.Joining ? answer.Detail : throw new ClusterCommandException(409, "Cannot join", answer.Detail);
    }

    private static MemberInfo Active(MemberInfo member, string action) =>
        member.Status is "down" or "exiting" or "removed"
            ? throw new ClusterCommandException(409, "Member already going", $"Member {member.Name} ({member.Id}) is {member.Status}; there is nothing to {action}.")
            : member;
}

/// <summary>A palette command that cannot be carried out; <see cref="Status"/> is the HTTP status.</summary>
public sealed class ClusterCommandException(int status, string title, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
}
