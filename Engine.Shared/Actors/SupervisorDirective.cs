namespace ActorQueue.Actors;

/// <summary>What a supervisor does with an actor whose handler threw.</summary>
public enum SupervisorDirective
{
    /// <summary>Keep the instance and its state; continue with the next message.</summary>
    Resume,

    /// <summary>Replace the instance with a new one from the Props factory, after a backoff.</summary>
    Restart,

    /// <summary>Stop the actor; the remaining mailbox is dropped.</summary>
    Stop,

    /// <summary>Stop the actor and raise <see cref="ActorSystem.Escalated"/>.</summary>
    Escalate,
}
