using System.Collections.Concurrent;

namespace ActorQueue.Dispatch;

/// <summary>What this node's pullers hold now, per queue (for <c>/metrics</c>); each puller writes its own entry.</summary>
public sealed class DispatchStatus
{
    private readonly ConcurrentDictionary<string, int> _running = new(StringComparer.Ordinal);

    /// <summary>Jobs running on this node now, by queue.</summary>
    public IReadOnlyDictionary<string, int> Running => _running;

    internal void SetRunning(string queue, int count) => _running[queue] = count;
}
