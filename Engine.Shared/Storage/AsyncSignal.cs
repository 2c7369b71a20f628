using System.Diagnostics.CodeAnalysis;

namespace ActorQueue.Storage;

/// <summary>
/// An auto-reset signal for one waiter at a time: <see cref="Set"/> before the wait is remembered, so a
/// wake-up that races with going to sleep is never lost.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim holds no unmanaged resource unless AvailableWaitHandle is used, which it never is here.")]
internal sealed class AsyncSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Set()
    {
        if (_semaphore.CurrentCount == 0)
        {
            try
            {
                _semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread set it first: one pending wake-up is all that is needed.
            }
        }
    }

    /// <summary>True when signalled, false when the timeout passed first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _semaphore.WaitAsync(timeout, cancellationToken);
}
