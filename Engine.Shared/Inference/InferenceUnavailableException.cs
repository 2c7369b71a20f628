namespace ActorQueue.Inference;

/// <summary>
/// This node cannot run inference: no model is configured, the model could not be loaded, or the pool is
/// stopping. The message is one sentence a user can act on.
/// </summary>
public sealed class InferenceUnavailableException : Exception
{
    public InferenceUnavailableException(string message) : base(message) { }

    public InferenceUnavailableException(string message, Exception innerException) : base(message, innerException) { }

    public InferenceUnavailableException() : base("Inference is not available on this node.") { }
}
