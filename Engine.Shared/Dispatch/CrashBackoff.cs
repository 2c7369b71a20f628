namespace ActorQueue.Dispatch;

/// <summary>
/// How long a job actor that was just restarted after a crash rests before it takes work again: 1 ms after
/// an isolated crash, doubling with each crash of the same pool in the last <see cref="Window"/>, at most
/// <see cref="Max"/>. A handler that crashes on every job therefore cannot spin its pool; its jobs are
/// retried with their own backoff in the ledger meanwhile. Shared by the actors of one pool.
/// </summary>
internal sealed class CrashBackoff(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly Queue<DateTimeOffset> _recent = new();

    /// <summary>Records a crash now and answers how long the restarted actor rests.</summary>
    public TimeSpan Next()
    {
        var now = time.GetUtcNow();
        int crashes;
        lock (_lock)
        {
            while (_recent.Count > 0 && now - _recent.Peek() > Window)
            {
                _recent.Dequeue();
            }
            _recent.Enqueue(now);
            crashes = _recent.Count;
        }
        var milliseconds = Math.Min(Max.TotalMilliseconds, Math.Pow(2, Math.Min(crashes - 1, 20)));
        return TimeSpan.FromMilliseconds(milliseconds);
    }
}
