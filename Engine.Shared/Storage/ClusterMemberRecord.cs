namespace ActorQueue.Storage;

/// <summary>
/// One member of the cluster as the ledger last recorded it (see <see cref="IStore.RecordClusterMembersAsync"/>),
/// so that a restarted seed can join the cluster the surviving members still form instead of forming another.
/// </summary>
public sealed record ClusterMemberRecord
{
    /// <summary>The member's Akka address, e.g. <c>akka.tcp://actorqueue@10.0.0.5:4053</c>.</summary>
    public required string Address { get; init; }

    /// <summary>The member's node id: unique to one process incarnation, never reused. One record per id.</summary>
    public required string NodeId { get; init; }

    public required string Name { get; init; }

    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>When the member became Up, if it has.</summary>
    public DateTimeOffset? UpSince { get; init; }

    /// <summary>When the store recorded the set, by the store's clock. Written by the store: ignored on write.</summary>
    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>Refuses a set that names one node twice, before a store writes any of it.</summary>
    internal static void EnsureOnePerNode(IReadOnlyList<ClusterMemberRecord> members)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (!seen.Add(member.NodeId))
            {
                throw new ArgumentException($"The cluster members name node {member.NodeId} twice; record each node once.", nameof(members));
            }
        }
    }
}
