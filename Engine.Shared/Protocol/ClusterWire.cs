namespace ActorQueue.Protocol;

/// <summary><c>GET /api/cluster</c>: who answered, who leads, and every member.</summary>
public sealed record ClusterView(string Self, string? Leader, IReadOnlyList<MemberView> Members);

/// <summary>One member as <c>aq cluster show</c> lists it; role and status are lowercase words.</summary>
public sealed record MemberView
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Role { get; init; }
    public string? Address { get; init; }
    public required string Status { get; init; }
    public long HeartbeatAgeMs { get; init; }
    public IReadOnlyDictionary<string, int> Queues { get; init; } = new Dictionary<string, int>();
    public int RunningJobs { get; init; }
    public int Datasets { get; init; }
    public DateTimeOffset StartedAt { get; init; }
}

/// <summary>The answer of <c>leave</c> and <c>down</c>: the member after the change, and jobs rescued by a down.</summary>
public sealed record MemberActionResponse(MemberView Member, int RescuedJobs);
