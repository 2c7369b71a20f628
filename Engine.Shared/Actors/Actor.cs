namespace ActorQueue.Actors;

/// <summary>
/// The base class of every actor. The kernel delivers one message at a time, in mailbox order,
/// to <see cref="ReceiveAsync"/>, so fields need no locking. Fields belong to one
/// <em>incarnation</em>: a supervisor restart builds a new instance with the
/// <see cref="Props"/> factory, which resets them.
/// </summary>
public abstract class Actor
{
    private ActorContext? _context;
    private bool _attached;

    /// <summary>Picks up the context when the kernel runs the <see cref="Props"/> factory.</summary>
    protected Actor() => _context = ActorContext.Constructing;

    /// <summary>
    /// The actor's handle on the kernel. Set before <see cref="PreStartAsync"/>; also readable
    /// in the constructor when the instance is built by the kernel's <see cref="Props"/> factory.
    /// </summary>
    protected ActorContext Context =>
        _context ?? throw new InvalidOperationException("The actor context is only available to actors created by an ActorSystem.");

    /// <summary>
    /// Handles one message. The next message is not delivered before the returned task completes.
    /// Throwing hands the exception to the supervisor strategy of the actor's <see cref="Props"/>.
    /// </summary>
    protected internal abstract Task ReceiveAsync(object message);

    /// <summary>Runs after construction and before the first message, on every incarnation.</summary>
    protected internal virtual Task PreStartAsync() => Task.CompletedTask;

    /// <summary>
    /// Runs once when the incarnation ends: the actor stops, or is about to be replaced by a
    /// restart. Dispose per-incarnation resources (native handles, models) here.
    /// </summary>
    protected internal virtual Task PostStopAsync() => Task.CompletedTask;

    /// <summary>Binds the instance to its cell; an instance serves exactly one incarnation.</summary>
    internal void Attach(ActorContext context)
    {
        if (_attached)
        {
            throw new InvalidOperationException(
                $"{GetType().Name} was already used by an actor: a Props factory must create a new instance on every call.");
        }

        _attached = true;
        _context = context;
    }
}
