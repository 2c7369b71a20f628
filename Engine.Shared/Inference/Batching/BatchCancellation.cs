namespace ActorQueue.Inference.Batching;

/// <summary>
/// When one batch run stops early: the pool is stopping, or every caller of the batch gave up (their jobs
/// were cancelled), so nobody waits for the scores and ONNX Runtime's terminate flag ends the run. A run
/// that still has a caller waiting goes on for that caller.
/// </summary>
internal sealed class BatchCancellation : IDisposable
{
    private readonly CancellationTokenSource _run;
    private readonly CancellationTokenRegistration[] _callers;

    public BatchCancellation(IReadOnlyList<InferenceRequest> batch, CancellationToken stopping)
    {
        _run = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _callers = new CancellationTokenRegistration[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            _callers[i] = batch[i].CancellationToken.Register(() =>
            {
                // A caller's own cancellation callback may not have run yet: its token says it gave up.
                if (batch.All(request => request.IsFinished || request.CancellationToken.IsCancellationRequested))
                {
                    Cancel();
                }
            });
        }
    }

    public CancellationToken Token => _run.Token;

    private void Cancel()
    {
        try
        {
            _run.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run already ended.
        }
    }

    public void Dispose()
    {
        foreach (var caller in _callers)
        {
            caller.Dispose();
        }
        _run.Dispose();
    }
}
