namespace ActorQueue.Actors;

/// <summary>
/// The only way to talk to an actor (or to a router of actors). A reference stays valid across
/// restarts; after the actor stopped, sends fail instead of disappearing silently.
/// </summary>
public interface IActorRef
{
    /// <summary>The actor's path, e.g. <c>/user/jobs-default/2</c>.</summary>
    string Path { get; }

    /// <summary>True when the mailbox is empty, no message is being processed and the actor runs.</summary>
    bool IsIdle { get; }

    /// <summary>
    /// Puts <paramref name="message"/> in the mailbox, waiting for space when it is full.
    /// Throws <see cref="ActorStoppedException"/> when the actor is stopped.
    /// </summary>
    ValueTask TellAsync(object message, CancellationToken cancellationToken = default);

    /// <summary>Puts <paramref name="message"/> in the mailbox; false when it is full or the actor stopped.</summary>
    bool TryTell(object message);

    /// <summary>
    /// Sends <paramref name="message"/> and waits for the actor's <see cref="ActorContext.Respond"/>.
    /// The timeout covers waiting for mailbox space as well as the reply, and is measured on the
    /// system's <see cref="TimeProvider"/>. Fails with <see cref="AskTimeoutException"/> when no
    /// reply comes in time, <see cref="ActorFailedException"/> when the handler throws,
    /// <see cref="ActorStoppedException"/> when the actor stops before handling the message, and
    /// <see cref="InvalidCastException"/> when the reply is not a <typeparamref name="T"/>.
    /// </summary>
    Task<T> AskAsync<T>(object message, TimeSpan timeout, CancellationToken cancellationToken = default);
}
