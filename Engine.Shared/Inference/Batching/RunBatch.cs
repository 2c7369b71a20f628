namespace ActorQueue.Inference.Batching;

/// <summary>Asks an inference actor to run the images of <see cref="Batch"/> (their tensors checked for length) as one batch.</summary>
internal sealed record RunBatch(IReadOnlyList<InferenceRequest> Batch, CancellationToken Cancellation);

/// <summary>
/// An actor's answer: the scores of every image (one array of Classes per image, in batch order), or the
/// error of the run. With <see cref="SessionLost"/> the actor is restarting and reloads its model; it
/// announces itself again when it is ready.
/// </summary>
internal sealed record BatchResult(float[][]? Scores, Exception? Error, bool SessionLost)
{
    public static BatchResult Ok(float[][] scores) => new(scores, null, false);

    public static BatchResult Failed(Exception error, bool sessionLost) => new(null, error, sessionLost);
}

/// <summary>A run failed in a way that leaves the session untrusted; the supervisor restarts the actor, which reloads the model.</summary>
internal sealed class InferenceSessionLostException(Exception inner)
    : Exception($"The inference session failed during a run and is reloaded: {inner.Message}", inner);
