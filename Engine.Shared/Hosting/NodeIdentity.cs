using ActorQueue.Cluster;

namespace ActorQueue.Hosting;

/// <summary>Who this process is in the cluster: a fresh id per start, so a restarted process is a new member.</summary>
public sealed class NodeIdentity
{
    public NodeIdentity(string name, NodeRole role, string? address, DateTimeOffset startedAt)
    {
        Id = Guid.CreateVersion7(startedAt).ToString();
        Name = name;
        Role = role;
        Address = address;
        StartedAt = startedAt;
    }

    public string Id { get; }
    public string Name { get; }
    public NodeRole Role { get; }
    public string? Address { get; set; }
    public DateTimeOffset StartedAt { get; }

    /// <summary>A short form of the id for logs: the last 12 hex digits.</summary>
    public string ShortId => Id[^12..];
}
