namespace ActorQueue.Protocol;

/// <summary>
/// <c>GET /api/cluster</c>: the member that answered, the leader (by address), the store it uses (its id, so a
/// worker can tell it was pointed at the same database), and every current member. Members that left or
/// were removed are not listed.
/// </summary>
public sealed record ClusterView(string Self, string? Leader, IReadOnlyList<MemberView> Members)
{
    /// <summary>The ledger's id (<c>IStore.GetStoreIdAsync</c>).</summary>
    public string? StoreId { get; init; }
}

/// <summary>One member as <c>aq cluster show</c> lists it; role and status are lowercase words.</summary>
public sealed record MemberView
{
    /// <summary>Host, port and incarnation: unique per process start (<c>10.0.0.5:4053-1a2b3c4d</c>).</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary><c>seed</c> for a member with the seed role, otherwise <c>worker</c>.</summary>
    public required string Role { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>The Akka address, <c>akka.tcp://actorqueue@HOST:PORT</c>.</summary>
    public string? Address { get; init; }

    /// <summary>Akka's member status: joining, up, leaving, exiting, down.</summary>
    public required string Status { get; init; }
    public bool Reachable { get; init; } = true;
    public DateTimeOffset? UpSince { get; init; }
    public string? Version { get; init; }
    public IReadOnlyDictionary<string, int> Queues { get; init; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<string, string> Kinds { get; init; } = new Dictionary<string, string>();
    public int RunningJobs { get; init; }
    public int Datasets { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
}

/// <summary>The answer of <c>leave</c>, <c>down</c> and <c>join</c>: what was asked of which member.</summary>
public sealed record MemberActionResponse(string Action, MemberView? Member, string Detail);

/// <summary>The body of <c>POST /api/cluster/join</c>.</summary>
public sealed record JoinRequest(string? Address);

/// <summary>The answer of <c>POST /api/cluster/down-unreachable</c>.</summary>
public sealed record DownUnreachableResponse(IReadOnlyList<MemberView> Downed);

/// <summary>One membership or reachability change (<c>GET /api/cluster/events</c>, <c>aq cluster tail</c>).</summary>
public sealed record MembershipEventView(DateTimeOffset At, string Kind, string MemberId, string Address, string? Name, string Status, bool Reachable);
