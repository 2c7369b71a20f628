using System.Diagnostics;
using ActorQueue.Inference.Model;

namespace ActorQueue.Bench.Inference;

/// <summary>Runs one session back to back on a fixed batch and times it.</summary>
internal sealed class RawLoop(OnnxModel model)
{
    public sealed record Measurement(int Runs, double ImagesPerSecond, double MedianBatchMs);

    private float[] _input = [];

    /// <summary>Allocates the largest input once and runs every size a few times before anything is timed.</summary>
    public void Warm(int maxBatch)
    {
        var random = new Random(42);
        _input = new float[maxBatch * model.Signature.ItemLength];
        for (var i = 0; i < _input.Length; i++)
        {
            _input[i] = (float)(random.NextDouble() * 255 - 128);
        }
        for (var batch = 1; batch <= maxBatch; batch *= 2)
        {
            Run(batch);
            Run(batch);
        }
    }

    /// <summary>Back-to-back runs of <paramref name="batch"/> images for at least <paramref name="duration"/> and 5 runs.</summary>
    public Measurement Measure(int batch, TimeSpan duration)
    {
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.Elapsed < duration || times.Count < 5)
        {
            var one = Stopwatch.StartNew();
            Run(batch);
            times.Add(one.Elapsed.TotalMilliseconds);
        }
        total.Stop();
        times.Sort();
        return new Measurement(times.Count, times.Count * batch / total.Elapsed.TotalSeconds, times[times.Count / 2]);
    }

    private void Run(int batch) => model.Run(_input.AsSpan(0, batch * model.Signature.ItemLength), batch, CancellationToken.None);
}
