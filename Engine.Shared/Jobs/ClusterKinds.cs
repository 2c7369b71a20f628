using ActorQueue.Cluster.Directory;

namespace ActorQueue.Jobs;

/// <summary>
/// The job kinds and queues the cluster can serve now: those of this process (<see cref="LocalKinds"/>,
/// known first-hand) plus those the live members advertise in the <see cref="MembershipView"/>. A submission
/// is accepted only for a kind some live member can run, on a queue some live member claims from: anything
/// else would wait forever.
/// </summary>
internal sealed class ClusterKinds(JobHandlerRegistry registry, LocalKinds local, LocalCapabilities self, MembershipView view)
{
    /// <summary>The default queue of <paramref name="kind"/>, or null when no live member can run it.</summary>
    public string? DefaultQueueOf(string kind)
    {
        if (local.CanRun(kind))
        {
            return registry.DefaultQueueOf(kind);
        }
        foreach (var member in LiveOthers())
        {
            if (member.Kinds.TryGetValue(kind, out var queue))
            {
                return queue;
            }
        }
        return null;
    }

    /// <summary>Every kind known now, for the error message that lists them.</summary>
    public IEnumerable<string> All =>
        local.Kinds.Keys.Union(LiveOthers().SelectMany(m => m.Kinds.Keys)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>
    /// The queues a job may name: those some live member claims from now, and the default queue of every kind
    /// known here or advertised (a job for them waits, durably, for a worker that claims from it: a seed may
    /// start before its workers). Any other queue is a typo, and its job would wait forever.
    /// </summary>
    public IReadOnlyCollection<string> Queues =>
        [.. LiveOthers().Append(self.Current()).SelectMany(m => m.Queues.Keys.Concat(m.Kinds.Values))
            .Concat(registry.Kinds.Select(registry.DefaultQueueOf))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Whether a job may be put on <paramref name="queue"/> (see <see cref="Queues"/>).</summary>
    public bool IsServed(string queue) => Queues.Contains(queue, StringComparer.Ordinal);

    /// <summary>
    /// The sentence that refuses <paramref name="kind"/> when no live member can run it: why not here, when
    /// this process has a handler for it that cannot run now; otherwise <paramref name="unknown"/>, or the
    /// kinds that are known.
    /// </summary>
    public string Refusal(string kind, string? unknown = null) => local.WhyNot(kind) is { } why
        ? $"No live member can run '{kind}' jobs now. On this node: {why}"
        : unknown ?? $"Unknown job kind '{kind}'. Known kinds: {string.Join(", ", All)}.";

    /// <summary>The sentence that refuses a queue no live member claims from.</summary>
    public string QueueRefusal(string queue) => $"Unknown queue '{queue}'. Known queues: {string.Join(", ", Queues)}.";

    private IEnumerable<MemberCapabilities> LiveOthers() =>
        view.Current.Members
            .Where(m => m.IsLive && m.Id != view.Current.SelfId && m.Capabilities is not null)
            .Select(m => m.Capabilities!);
}
