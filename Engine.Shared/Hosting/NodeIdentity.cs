namespace ActorQueue.Hosting;

/// <summary>
/// Who this process is in the cluster. Its <see cref="Id"/> is its member id (host, port and Akka's
/// incarnation uid, see <c>MemberIds</c>), known once the actor system has started (<see cref="Bind"/>):
/// unique per start, so a restarted process is a new member, and recorded on every claim in the ledger.
/// </summary>
public sealed class NodeIdentity(string name, NodeRole role, DateTimeOffset startedAt)
{
    private string? _id;

    /// <summary>The member id; "" until the actor system has started.</summary>
    public string Id => _id ?? "";

    public string Name { get; } = name;
    public NodeRole Role { get; } = role;

    /// <summary>The member's Akka address (<c>akka.tcp://actorqueue@host:port</c>), once started.</summary>
    public string? Address { get; private set; }

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>Sets the member id and address once the actor system is up; the first call wins.</summary>
    public void Bind(string id, string address)
    {
        if (Interlocked.CompareExchange(ref _id, id, null) is null)
        {
            Address = address;
        }
    }
}
