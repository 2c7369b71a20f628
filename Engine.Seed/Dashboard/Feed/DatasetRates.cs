namespace ActorQueue.Seed.Dashboard.Feed;

/// <summary>Rows processed per second of each dataset, over the readings of the last <see cref="Window"/>.</summary>
internal sealed class DatasetRates
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, Queue<(DateTimeOffset At, long Processed)>> _readings = new(StringComparer.Ordinal);

    /// <summary>Records a reading and answers the rate since the oldest reading in the window (0 with one reading).</summary>
    public double Record(string id, DateTimeOffset at, long processed)
    {
        if (!_readings.TryGetValue(id, out var readings))
        {
            _readings[id] = readings = new Queue<(DateTimeOffset, long)>();
        }
        readings.Enqueue((at, processed));
        // Keep one reading at or before the window's start as the baseline.
        while (readings.Count > 2 && at - readings.ElementAt(1).At >= Window)
        {
            readings.Dequeue();
        }
        var (firstAt, firstProcessed) = readings.Peek();
        var seconds = (at - firstAt).TotalSeconds;
        return seconds > 0 ? Math.Max(0, processed - firstProcessed) / seconds : 0;
    }

    /// <summary>Forgets the datasets not in <paramref name="ids"/>.</summary>
    public void Keep(IReadOnlySet<string> ids)
    {
        foreach (var gone in _readings.Keys.Where(id => !ids.Contains(id)).ToList())
        {
            _readings.Remove(gone);
        }
    }
}
