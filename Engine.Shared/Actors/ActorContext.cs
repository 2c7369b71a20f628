namespace ActorQueue.Actors;

/// <summary>What an actor can see of the kernel while it runs: itself, its system, the current ask.</summary>
public sealed class ActorContext
{
    [ThreadStatic]
    private static ActorContext? _constructing;

    private TaskCompletionSource<object?>? _reply;

    internal ActorContext(IActorRef self, ActorSystem system, CancellationToken stopping)
    {
        Self = self;
        System = system;
        Stopping = stopping;
    }

    /// <summary>The actor's own reference; stays valid across restarts.</summary>
    public IActorRef Self { get; }

    /// <summary>The system the actor lives in.</summary>
    public ActorSystem System { get; }

    /// <summary>
    /// Cancelled when the actor is asked to stop (<see cref="ActorSystem.StopAsync"/>, dispose,
    /// supervisor stop). The kernel never interrupts a handler; long handlers may observe this.
    /// </summary>
    public CancellationToken Stopping { get; }

    /// <summary>True while the current message came from an Ask that still waits for a reply.</summary>
    public bool CanRespond => _reply is { Task.IsCompleted: false };

    /// <summary>
    /// Completes the Ask that delivered the current message. A no-op for a Tell, for a second
    /// call, and for an ask that already timed out. Call it before the handler's task completes:
    /// the kernel forgets the asker as soon as the handler returns. An ask whose handler returns
    /// without responding stays pending until its timeout (as in Akka).
    /// </summary>
    public void Respond(object? reply) => _reply?.TrySetResult(reply);

    /// <summary>The context of the cell whose Props factory runs on this thread, read by <see cref="Actor"/>'s constructor.</summary>
    internal static ActorContext? Constructing
    {
        get => _constructing;
        set => _constructing = value;
    }

    internal void BeginMessage(TaskCompletionSource<object?>? reply) => _reply = reply;

    internal void EndMessage() => _reply = null;
}
