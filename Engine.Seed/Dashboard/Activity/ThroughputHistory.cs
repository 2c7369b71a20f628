using ActorQueue.Protocol;

namespace ActorQueue.Seed.Dashboard.Activity;

/// <summary>
/// Jobs per second for the last <see cref="Seconds"/> seconds: a ring of one-second buckets, each stamped with
/// its second so that a bucket left over from a lap ago reads as zero.
/// </summary>
internal sealed class ThroughputHistory
{
    public const int Seconds = 600;

    private readonly Lock _lock = new();
    private readonly long[] _second = new long[Seconds];
    private readonly int[] _submitted = new int[Seconds];
    private readonly int[] _completed = new int[Seconds];
    private readonly int[] _failed = new int[Seconds];

    public ThroughputHistory() => Array.Fill(_second, -1);

    public void Submitted(long second, int count) => Add(second, _submitted, count);

    public void Completed(long second) => Add(second, _completed, 1);

    public void Failed(long second) => Add(second, _failed, 1);

    /// <summary>The seconds after <paramref name="after"/> and before <paramref name="before"/> (both Unix seconds), oldest first, zeros included.</summary>
    public IReadOnlyList<ThroughputPoint> Between(long after, long before)
    {
        var from = Math.Max(after + 1, before - Seconds);
        var points = new List<ThroughputPoint>((int)Math.Max(0, before - from));
        lock (_lock)
        {
            for (var second = from; second < before; second++)
            {
                var i = Index(second);
                points.Add(_second[i] == second
                    ? new ThroughputPoint(second, _submitted[i], _completed[i], _failed[i])
                    : new ThroughputPoint(second, 0, 0, 0));
            }
        }
        return points;
    }

    private void Add(long second, int[] counts, int count)
    {
        lock (_lock)
        {
            var i = Index(second);
            if (_second[i] != second)
            {
                if (_second[i] > second)
                {
                    return; // older than the ring: nothing to add it to
                }
                _second[i] = second;
                _submitted[i] = _completed[i] = _failed[i] = 0;
            }
            counts[i] += count;
        }
    }

    private static int Index(long second) => (int)(((second % Seconds) + Seconds) % Seconds);
}
