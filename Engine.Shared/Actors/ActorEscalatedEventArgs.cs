namespace ActorQueue.Actors;

/// <summary>
/// An actor gave up: it exceeded its restart budget or its decider said
/// <see cref="SupervisorDirective.Escalate"/>. The actor is already stopped when this is raised.
/// </summary>
public sealed class ActorEscalatedEventArgs(IActorRef actor, Exception exception, int restarts) : EventArgs
{
    /// <summary>The stopped actor.</summary>
    public IActorRef Actor { get; } = actor;

    /// <summary>The actor's path.</summary>
    public string Path => Actor.Path;

    /// <summary>The failure that escalated.</summary>
    public Exception Exception { get; } = exception;

    /// <summary>How many restarts the actor had before it gave up.</summary>
    public int Restarts { get; } = restarts;
}
