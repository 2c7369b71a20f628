using System.Diagnostics;
using System.Diagnostics.Metrics;
using ActorQueue.Inference;
using ActorQueue.Inference.Repository;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorQueue.Bench.Inference;

/// <summary>
/// The batcher end to end (no image decoding): <c>callers</c> concurrent callers each send one image at a
/// time through an <see cref="InferencePool"/> for a fixed time; reports images/s, the mean batch size the
/// batcher actually ran, and the median time a caller waited for its answer.
/// </summary>
internal static class PoolLoop
{
    public sealed record Result(double ImagesPerSecond, double MeanBatch, double MedianLatencyMs);

    public static async Task<Result> MeasureAsync(string modelPath, int actors, int intraOpThreads, int maxBatch, int callers, TimeSpan duration)
    {
        var options = Photo.SqueezeNet(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, intraOpThreads, maxBatch);
        options.Actors = actors;
        options.Model.Path = modelPath;
        options.Model.Labels = null;
        using var metrics = new InferenceInstruments();
        long batches = 0, images = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == metrics.Meter && instrument.Name == "aq_inference_batch_size")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, size, _, _) =>
        {
            Interlocked.Increment(ref batches);
            Interlocked.Add(ref images, size);
        });
        listener.Start();

        await using var pool = new InferencePool(ModelCatalog.Read(() => options).Entries.Single(), metrics, TimeProvider.System, NullLoggerFactory.Instance);
        await pool.StartAsync();
        var signature = await pool.WhenReadyAsync();
        var input = new float[signature.ItemLength];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = i % 251 - 125;
        }

        // Warm-up: every batch size up to MaxBatch gets run once or more before timing.
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => pool.InferAsync(input, CancellationToken.None)));
        Interlocked.Exchange(ref batches, 0);
        Interlocked.Exchange(ref images, 0);

        var latencies = new List<double>[callers];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async c =>
        {
            latencies[c] = [];
            while (clock.Elapsed < duration)
            {
                var one = Stopwatch.StartNew();
                await pool.InferAsync(input, CancellationToken.None);
                latencies[c].Add(one.Elapsed.TotalMilliseconds);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(all.Length / elapsed, (double)Interlocked.Read(ref images) / Math.Max(1, Interlocked.Read(ref batches)), all[all.Length / 2]);
    }
}
