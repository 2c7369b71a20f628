namespace ActorQueue.Inference;

/// <summary>
/// The model failed on this request's own input (it was run alone after its batch failed, so the error is
/// its own); other requests of the same batch were not affected.
/// </summary>
public sealed class InferenceFailedException : Exception
{
    public InferenceFailedException(string message) : base(message) { }

    public InferenceFailedException(string message, Exception innerException) : base(message, innerException) { }

    public InferenceFailedException() : base("The model failed on this input.") { }
}
