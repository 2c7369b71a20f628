using ActorQueue.Cluster;
using ActorQueue.Hosting;
using ActorQueue.Storage;

namespace ActorQueue.Jobs;

/// <summary>
/// The job kinds the cluster can run: those this process can run now (<see cref="LocalKinds"/>) plus those
/// advertised by the other members that are not gone, each with its default queue. Answers from a snapshot
/// at most a few seconds old, refreshed from the store before a kind is refused. This process's own member
/// record is left out of the snapshot: what it can run is known here first-hand, and its record may lag.
/// </summary>
internal sealed class ClusterKinds(JobHandlerRegistry registry, LocalKinds local, NodeIdentity self, IStore store, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Snapshot _snapshot = new(new Dictionary<string, string>(), DateTimeOffset.MinValue);

    /// <summary>The default queue of <paramref name="kind"/>, or null when no member can run it.</summary>
    public async ValueTask<string?> DefaultQueueOfAsync(string kind, CancellationToken cancellationToken)
    {
        if (local.CanRun(kind))
        {
            return registry.DefaultQueueOf(kind);
        }
        var snapshot = _snapshot;
        if (!snapshot.Kinds.ContainsKey(kind) || time.GetUtcNow() - snapshot.At > MaxAge)
        {
            snapshot = await RefreshAsync(snapshot, cancellationToken);
        }
        return snapshot.Kinds.GetValueOrDefault(kind);
    }

    /// <summary>Every kind known now, for the error message that lists them.</summary>
    public IEnumerable<string> All => local.Kinds.Keys.Union(_snapshot.Kinds.Keys).Order(StringComparer.Ordinal);

    /// <summary>
    /// The sentence that refuses <paramref name="kind"/> when no live member can run it: why not here, when
    /// this process has a handler for it that cannot run now; otherwise <paramref name="unknown"/>, or the
    /// kinds that are known.
    /// </summary>
    public string Refusal(string kind, string? unknown = null) => local.WhyNot(kind) is { } why
        ? $"No live member can run '{kind}' jobs now. On this node: {why}"
        : unknown ?? $"Unknown job kind '{kind}'. Known kinds: {string.Join(", ", All)}.";

    private async Task<Snapshot> RefreshAsync(Snapshot seen, CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (!ReferenceEquals(_snapshot, seen))
            {
                return _snapshot; // refreshed by another request meanwhile
            }
            var members = await store.ListNodesAsync(cancellationToken);
            var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var member in members.Where(m => m.Id != self.Id && m.Status is not (NodeStatus.Left or NodeStatus.Down)))
            {
                foreach (var (kind, queue) in member.Kinds)
                {
                    kinds.TryAdd(kind, queue);
                }
            }
            return _snapshot = new Snapshot(kinds, time.GetUtcNow());
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private sealed record Snapshot(IReadOnlyDictionary<string, string> Kinds, DateTimeOffset At);
}
