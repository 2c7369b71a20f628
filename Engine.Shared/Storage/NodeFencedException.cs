using System.Globalization;

namespace ActorQueue.Storage;

/// <summary>
/// The tombstone of a member the cluster downed or removed (see <see cref="IStore.FenceNodeAsync"/>): from
/// <paramref name="FencedAt"/> on, the ledger lets that node id neither take nor finish work.
/// </summary>
public sealed record NodeFence(string NodeId, DateTimeOffset FencedAt, string Reason)
{
    /// <summary>The error a fence writes on each job it rescues, the same in every store.</summary>
    internal static string RescueMessage(string nodeId, string reason) => $"rescued: node {nodeId} was removed from the cluster ({reason})";
}

/// <summary>
/// Thrown when a fenced node asks for work (<see cref="IStore.ClaimAsync"/>, the claim part of
/// <see cref="IStore.FinishManyAsync"/>): the cluster removed it and it must stop. Nothing was claimed.
/// </summary>
public sealed class NodeFencedException : Exception
{
    public NodeFencedException(NodeFence fence) : base(Describe(fence)) => Fence = fence;

    public NodeFencedException() : base("This node was removed from the cluster and can no longer take or finish work.") { }

    public NodeFencedException(string message) : base(message) { }

    public NodeFencedException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The tombstone that refused the node; null only when built from a bare message.</summary>
    public NodeFence? Fence { get; }

    private static string Describe(NodeFence fence) => string.Create(CultureInfo.InvariantCulture,
        $"This node ({fence.NodeId}) was removed from the cluster at {fence.FencedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}Z and can no longer take or finish work.");
}
