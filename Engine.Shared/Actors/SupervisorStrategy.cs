namespace ActorQueue.Actors;

/// <summary>
/// How an actor's failures are handled: a <see cref="Decider"/> per exception, a restart budget
/// (<see cref="MaxRestarts"/> within <see cref="Window"/>) and an exponential restart backoff.
/// </summary>
public sealed record SupervisorStrategy
{
    /// <summary>Restart on every exception, at most 10 times a minute, backoff 10 ms to 5 s.</summary>
    public static SupervisorStrategy Default { get; } = new();

    /// <summary>Chooses the directive for an exception thrown by the actor's handler.</summary>
    public Func<Exception, SupervisorDirective> Decider { get; init; } = _ => SupervisorDirective.Restart;

    /// <summary>
    /// Restarts allowed within <see cref="Window"/>; the failure that would exceed it stops the
    /// actor and escalates. Negative means no limit.
    /// </summary>
    public int MaxRestarts { get; init; } = 10;

    /// <summary>The sliding window the restart budget counts in.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Backoff before the first restart in a row. The n-th consecutive restart waits
    /// <c>MinBackoff * 2^(n-1)</c>, capped at <see cref="MaxBackoff"/>, with ±20% jitter; a message
    /// handled successfully resets the count.
    /// </summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest backoff between restarts, jitter included.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);
}
