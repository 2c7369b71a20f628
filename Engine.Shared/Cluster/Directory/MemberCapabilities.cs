using ActorQueue.Akka.Serialization;

namespace ActorQueue.Cluster.Directory;

/// <summary>
/// What a member tells the others about itself: its name and what it can run now (queues it claims from,
/// job kinds with their default queues, the models it serves or failed to load). Published on the <c>capabilities</c> topic whenever it changes and
/// sent to whoever asks with <see cref="CapabilitiesRequest"/>.
/// </summary>
public sealed record MemberCapabilities(
    string NodeId,
    string Name,
    string Version,
    DateTimeOffset StartedAt,
    IReadOnlyDictionary<string, int> Queues,
    IReadOnlyDictionary<string, string> Kinds,
    IReadOnlyList<ModelRecord> Models) : IClusterMessage
{
    public const string Topic = "capabilities";
}

/// <summary>Asks a member's <see cref="CapabilitiesPublisher"/> for its <see cref="MemberCapabilities"/>.</summary>
public sealed record CapabilitiesRequest : IClusterMessage
{
    public static readonly CapabilitiesRequest Instance = new();
}
