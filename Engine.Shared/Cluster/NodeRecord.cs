namespace ActorQueue.Cluster;

/// <summary>A member of the cluster as the store records it.</summary>
public sealed record NodeRecord
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required NodeRole Role { get; init; }
    public string? Address { get; init; }
    public NodeStatus Status { get; init; } = NodeStatus.Up;
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset HeartbeatAt { get; init; }
    /// <summary>Queue name → pool size, e.g. <c>default=8</c>.</summary>
    public IReadOnlyDictionary<string, int> Queues { get; init; } = new Dictionary<string, int>();

    /// <summary>The job kinds this member has handlers for (its capabilities), each with its default queue.</summary>
    public IReadOnlyDictionary<string, string> Kinds { get; init; } = new Dictionary<string, string>();

    /// <summary>The models this member serves or failed to load (<see cref="ModelRecord"/>).</summary>
    public IReadOnlyList<ModelRecord> Models { get; init; } = [];
}

public enum NodeRole
{
    Seed,
    Worker,
}

/// <summary>Membership states, as in an Akka cluster: up, unreachable, leaving, left, down.</summary>
public enum NodeStatus
{
    Up,
    Unreachable,
    Leaving,
    Left,
    Down,
}
