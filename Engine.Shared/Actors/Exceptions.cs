namespace ActorQueue.Actors;

/// <summary>An Ask got no <see cref="ActorContext.Respond"/> within its timeout.</summary>
public sealed class AskTimeoutException : TimeoutException
{
    public AskTimeoutException()
    {
    }

    public AskTimeoutException(string message)
        : base(message)
    {
    }

    public AskTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The actor threw while handling the asked message; <see cref="Exception.InnerException"/> is what it threw.</summary>
public sealed class ActorFailedException : Exception
{
    public ActorFailedException()
    {
    }

    public ActorFailedException(string message)
        : base(message)
    {
    }

    public ActorFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static ActorFailedException For(string path, Exception cause) =>
        new($"Actor {path} failed while handling the message: {cause.Message}", cause);
}

/// <summary>The actor is stopped: it takes no more messages, and asks still in its mailbox fail with this.</summary>
public sealed class ActorStoppedException : Exception
{
    public ActorStoppedException()
    {
    }

    public ActorStoppedException(string message)
        : base(message)
    {
    }

    public ActorStoppedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static ActorStoppedException For(string path) => new($"Actor {path} is stopped.");
}
