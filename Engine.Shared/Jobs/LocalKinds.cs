namespace ActorQueue.Jobs;

/// <summary>
/// The job kinds this process can run now and the queues it may claim from: every registered handler,
/// minus the kinds an <see cref="IJobKindAvailability"/> withholds (and their queues). Membership
/// advertises <see cref="Kinds"/>, the queue dispatchers ask <see cref="IsQueueOpen"/> before claiming, and
/// a seed accepts a kind here only when <see cref="CanRun"/>.
/// </summary>
internal sealed class LocalKinds
{
    private readonly JobHandlerRegistry _registry;
    private readonly IJobKindAvailability[] _gates;

    public LocalKinds(JobHandlerRegistry registry, IEnumerable<IJobKindAvailability> gates)
    {
        _registry = registry;
        _gates = gates.ToArray();
        foreach (var gate in _gates)
        {
            gate.Changed += () => Changed?.Invoke();
        }
    }

    /// <summary>Raised when a kind becomes available or unavailable here.</summary>
    public event Action? Changed;

    /// <summary>The kinds this process can run now, each with its default queue.</summary>
    public IReadOnlyDictionary<string, string> Kinds =>
        _registry.Kinds.Where(CanRun).ToDictionary(kind => kind, _registry.DefaultQueueOf, StringComparer.Ordinal);

    public bool CanRun(string kind) => _registry.IsKnown(kind) && WhyNot(kind) is null;

    /// <summary>Why a registered kind cannot run here now; null when it can, or when no handler is registered for it.</summary>
    public string? WhyNot(string kind) => _gates.Where(gate => gate.Kind == kind).Select(gate => gate.Unavailable).FirstOrDefault(why => why is not null);

    /// <summary>False while a kind served by <paramref name="queue"/> is unavailable: its jobs would be claimed and handed back.</summary>
    public bool IsQueueOpen(string queue) => _gates.All(gate => gate.UnavailableOn(queue) is null);
}
