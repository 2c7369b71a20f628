namespace ActorQueue.Cli.Bench;

/// <summary>Round-trip times in milliseconds and their nearest-rank percentiles.</summary>
internal sealed class LatencyStats
{
    private readonly List<double> _samples = [];
    private bool _sorted = true;

    public int Count => _samples.Count;

    public IReadOnlyList<double> Samples => _samples;

    public void Add(double milliseconds)
    {
        _sorted = _sorted && (_samples.Count == 0 || _samples[^1] <= milliseconds);
        _samples.Add(milliseconds);
    }

    /// <summary>The smallest sample with at least <paramref name="percent"/>% of the samples at or below it; null without samples.</summary>
    public double? Percentile(double percent)
    {
        if (_samples.Count == 0)
        {
            return null;
        }

        if (!_sorted)
        {
            _samples.Sort();
            _sorted = true;
        }

        var rank = (int)Math.Ceiling(percent / 100 * _samples.Count);
        return _samples[Math.Clamp(rank, 1, _samples.Count) - 1];
    }

    public double? Max => Percentile(100);

    public double? Mean => _samples.Count == 0 ? null : _samples.Average();
}
