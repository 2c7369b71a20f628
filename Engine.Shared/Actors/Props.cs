namespace ActorQueue.Actors;

/// <summary>
/// How to build an actor: a factory called for the first incarnation and again on every restart,
/// the mailbox capacity and the supervisor strategy. Immutable; the <c>With*</c> methods copy.
/// </summary>
public sealed class Props
{
    private Props(Func<Actor> factory, Type actorType)
    {
        Factory = factory;
        ActorType = actorType;
    }

    /// <summary>
    /// Props for actors built by <paramref name="factory"/>. The factory must return a new
    /// instance on every call: a restart relies on it to reset the actor's state.
    /// </summary>
    public static Props Create<TActor>(Func<TActor> factory)
        where TActor : Actor
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(factory, typeof(TActor));
    }

    /// <summary>The type the factory declares it builds.</summary>
    public Type ActorType { get; }

    /// <summary>
    /// Capacity of the bounded mailbox. When it is full, <see cref="IActorRef.TellAsync"/> waits
    /// (backpressure) and <see cref="IActorRef.TryTell"/> returns false.
    /// </summary>
    public int MailboxCapacity
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 1000;

    /// <summary>What happens when the actor's handler, factory or PreStart throws.</summary>
    public SupervisorStrategy Supervisor
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    } = SupervisorStrategy.Default;

    internal Func<Actor> Factory { get; }

    /// <summary>A copy with another mailbox capacity.</summary>
    public Props WithMailboxCapacity(int capacity) =>
        new(Factory, ActorType) { MailboxCapacity = capacity, Supervisor = Supervisor };

    /// <summary>A copy with another supervisor strategy.</summary>
    public Props WithSupervisor(SupervisorStrategy s) =>
        new(Factory, ActorType) { MailboxCapacity = MailboxCapacity, Supervisor = s };
}
