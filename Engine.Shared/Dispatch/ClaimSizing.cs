namespace ActorQueue.Dispatch;

/// <summary>
/// How many jobs a puller claims: one per free actor, plus a prefetch that keeps short jobs from waiting
/// on claim round trips. The prefetch covers <see cref="Horizon"/> of work at the pool's measured pace, so
/// a pool of 4 running 50 µs jobs holds hundreds (a node with 4 actors is as fast as one with 96), while a
/// pool running two-second jobs holds none beyond its actors: another node can start them now.
/// </summary>
internal static class ClaimSizing
{
    /// <summary>Work held ahead: a few claim round trips, so the buffer never runs dry between them.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromMilliseconds(10);

    /// <summary>The most jobs one node holds unstarted, whatever the pace.</summary>
    public const int MaxPrefetch = 512;

    /// <summary>Jobs to hold unstarted; none until the pace is known, so that a first wave of long jobs is not hoarded.</summary>
    public static int Prefetch(int poolSize, TimeSpan? averageRun)
    {
        if (averageRun is not { } run || run <= TimeSpan.Zero)
        {
            return averageRun is null ? 0 : MaxPrefetch;
        }
        var ahead = Math.Floor(poolSize * Horizon.TotalMilliseconds / run.TotalMilliseconds);
        return (int)Math.Clamp(ahead, 0, MaxPrefetch);
    }

    /// <summary>How many to ask the ledger for now.</summary>
    public static int ToClaim(int poolSize, TimeSpan? averageRun, int running, int buffered) =>
        Math.Max(0, poolSize + Prefetch(poolSize, averageRun) - running - buffered);

    /// <summary>The new average run time after one more attempt (exponential moving average, weight 1/8).</summary>
    public static TimeSpan Average(TimeSpan? average, TimeSpan sample) =>
        average is { } current ? current + (sample - current) / 8 : sample;
}
