namespace ActorQueue.Inference.Batching;

/// <summary>Asks an inference actor to run <see cref="Count"/> images laid out one after the other in <see cref="Input"/>.</summary>
internal sealed record RunBatch(float[] Input, int Count, CancellationToken Cancellation);

/// <summary>
/// An actor's answer: the scores of every image (Count × Classes), or the error of the run. With
/// <see cref="SessionLost"/> the actor is restarting and reloads its model; it announces itself again
/// when it is ready.
/// </summary>
internal sealed record BatchResult(float[]? Scores, Exception? Error, bool SessionLost)
{
    public static BatchResult Ok(float[] scores) => new(scores, null, false);

    public static BatchResult Failed(Exception error, bool sessionLost) => new(null, error, sessionLost);
}

/// <summary>A run failed in a way that leaves the session untrusted; the supervisor restarts the actor, which reloads the model.</summary>
internal sealed class InferenceSessionLostException(Exception inner)
    : Exception($"The inference session failed during a run and is reloaded: {inner.Message}", inner);
