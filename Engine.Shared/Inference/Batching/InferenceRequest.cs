namespace ActorQueue.Inference.Batching;

/// <summary>
/// One image waiting for a run: its tensor, the caller's completion and cancellation, and when it was
/// queued. <see cref="RunAlone"/> marks a request whose batch failed: it runs by itself next, so that
/// an input that breaks a run fails only its own caller.
/// </summary>
internal sealed class InferenceRequest(float[] input, long enqueuedAt, CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource<float[]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _registration;

    public float[] Input { get; } = input;

    /// <summary><see cref="TimeProvider.GetTimestamp"/> when it was queued.</summary>
    public long EnqueuedAt { get; } = enqueuedAt;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public bool RunAlone { get; set; }

    /// <summary>The caller's scores, or its error.</summary>
    public Task<float[]> Task => _completion.Task;

    /// <summary>True once answered or cancelled: the batcher drops it.</summary>
    public bool IsFinished => _completion.Task.IsCompleted;

    /// <summary>A cancelled caller stops waiting at once; the batcher skips it if it has not run yet.</summary>
    public void WatchCancellation() =>
        _registration = CancellationToken.Register(static state => ((InferenceRequest)state!).Cancel(), this);

    public bool Complete(float[] scores)
    {
        _registration.Dispose();
        return _completion.TrySetResult(scores);
    }

    public bool Fail(Exception error)
    {
        _registration.Dispose();
        return _completion.TrySetException(error);
    }

    private void Cancel() => _completion.TrySetCanceled(CancellationToken);
}
