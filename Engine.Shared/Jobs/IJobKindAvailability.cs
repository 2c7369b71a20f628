namespace ActorQueue.Jobs;

/// <summary>
/// A job kind whose handler is registered on this node but can run only while something it needs is
/// usable, such as the inference pool's model. While <see cref="Unavailable"/> is set, the node does not
/// advertise the kind, does not claim jobs from <see cref="Queue"/>, and a seed refuses the kind unless
/// another live member advertises it (see <see cref="LocalKinds"/>).
/// </summary>
internal interface IJobKindAvailability
{
    string Kind { get; }

    /// <summary>The queue whose pool runs the kind on this node.</summary>
    string Queue { get; }

    /// <summary>Null while the node can run the kind, or is getting ready to; otherwise one sentence saying why it cannot.</summary>
    string? Unavailable { get; }

    /// <summary>
    /// Why jobs claimed from <paramref name="queue"/> could not run here now (they would be handed back), or
    /// null. By default the gate governs <see cref="Queue"/> alone; a kind served by several queues (one per
    /// model) answers for each of them.
    /// </summary>
    string? UnavailableOn(string queue) => queue == Queue ? Unavailable : null;

    /// <summary>Raised after <see cref="Unavailable"/> changes (from any thread).</summary>
    event Action? Changed;
}
