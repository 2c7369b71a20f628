namespace ActorQueue.Storage;

/// <summary>The store cannot be opened or reached; the message says why in one sentence.</summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string message) : base(message) { }

    public StoreUnavailableException(string message, Exception innerException) : base(message, innerException) { }

    public StoreUnavailableException() : base("The store is unavailable.") { }
}
