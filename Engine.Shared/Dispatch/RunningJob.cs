using ActorQueue.Jobs;

namespace ActorQueue.Dispatch;

/// <summary>Why a running attempt was asked to stop early.</summary>
internal enum StopReason
{
    None,
    CancelRequested,
    Shutdown,
    LeaseLost,
}

/// <summary>A job this node is running: its cancellation and why it was cancelled.</summary>
internal sealed class RunningJob(ClaimedJob job) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private int _reason;

    public ClaimedJob Job { get; } = job;

    public CancellationToken Token => _stop.Token;

    public StopReason Reason => (StopReason)Volatile.Read(ref _reason);

    public void Stop(StopReason reason)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, (int)StopReason.None) == (int)StopReason.None)
        {
            try
            {
                _stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The attempt already ended.
            }
        }
    }

    public void Dispose() => _stop.Dispose();
}
