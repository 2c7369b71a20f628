using System.Diagnostics;
using ActorQueue.Inference.Model;

namespace ActorQueue.Bench.Inference;

/// <summary>Runs one session back to back on a fixed batch, in its own reused buffers, and times it.</summary>
internal sealed class RawLoop(OnnxModel model)
{
    public sealed record Measurement(int Runs, double ImagesPerSecond, double MedianBatchMs);

    /// <summary>Fills the session's own input buffer once (the runs reuse it) and runs every size a few times before anything is timed.</summary>
    public void Warm(int maxBatch)
    {
        var random = new Random(42);
        var input = model.InputFor(maxBatch);
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (float)(random.NextDouble() * 255 - 128);
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

    private void Run(int batch) => model.Run(batch, CancellationToken.None);
}
