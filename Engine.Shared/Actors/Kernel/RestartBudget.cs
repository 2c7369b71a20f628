namespace ActorQueue.Actors;

/// <summary>
/// Counts one actor's restarts: the sliding-window budget and the consecutive-restart count the
/// exponential backoff grows with. Used only from the actor's own loop, so it needs no locking
/// (except the total, which tests and metrics read from outside).
/// </summary>
internal sealed class RestartBudget(SupervisorStrategy strategy, TimeProvider timeProvider)
{
    private const double Jitter = 0.2;

    private readonly Queue<DateTimeOffset> _recent = new();
    private int _consecutive;
    private int _total;

    /// <summary>Restarts since the actor was created.</summary>
    public int TotalRestarts => Volatile.Read(ref _total);

    /// <summary>A message was handled: the next failure starts the backoff from the minimum again.</summary>
    public void OnSuccess() => _consecutive = 0;

    /// <summary>
    /// Records a restart and returns its backoff, or false when the restart would exceed
    /// <see cref="SupervisorStrategy.MaxRestarts"/> within <see cref="SupervisorStrategy.Window"/>.
    /// </summary>
    public bool TryBeginRestart(out TimeSpan backoff)
    {
        var now = timeProvider.GetUtcNow();
        while (_recent.Count > 0 && now - _recent.Peek() >= strategy.Window)
        {
            _recent.Dequeue();
        }

        if (strategy.MaxRestarts >= 0 && _recent.Count >= strategy.MaxRestarts)
        {
            backoff = TimeSpan.Zero;
            return false;
        }

        _recent.Enqueue(now);
        _consecutive++;
        Interlocked.Increment(ref _total);
        backoff = ComputeBackoff(strategy, _consecutive, Random.Shared.NextDouble());
        return true;
    }

    /// <summary>
    /// <c>MinBackoff * 2^(consecutive-1)</c> capped at MaxBackoff, times a jitter factor in
    /// [0.8, 1.2) picked by <paramref name="unitRandom"/> in [0, 1), never above MaxBackoff.
    /// </summary>
    internal static TimeSpan ComputeBackoff(SupervisorStrategy strategy, int consecutive, double unitRandom)
    {
        var exponent = Math.Clamp(consecutive - 1, 0, 30);
        var maxMs = strategy.MaxBackoff.TotalMilliseconds;
        var baseMs = Math.Min(strategy.MinBackoff.TotalMilliseconds * Math.Pow(2, exponent), maxMs);
        var jittered = baseMs * (1 - Jitter + (2 * Jitter * unitRandom));
        return TimeSpan.FromMilliseconds(Math.Clamp(jittered, 0, maxMs));
    }
}
