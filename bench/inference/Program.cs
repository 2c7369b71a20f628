using System.Globalization;
using ActorQueue.Bench.Inference;
using ActorQueue.Inference;
using ActorQueue.Inference.Model;

// Raw ONNX Runtime loop (Microsoft.ML.OnnxRuntime through the engine's OnnxModel: one InferenceSession,
// pinned buffers reused run after run): images/s of one session at each batch size and intra-op thread count, on fixed
// synthetic 224×224 tensors (the numbers do not depend on pixel values). Each configuration is measured
// REPEATS times in rotation, so that noise from other work on the machine shows as a spread.
//   dotnet run -c Release --project bench/inference -- [MODEL.onnx] [--repeats 3] [--seconds 3] [--batches 1,2,4] [--threads 1,2]
// With --pool it measures the dynamic batcher instead (16 concurrent callers, --batches are MaxBatch values).
// The end-to-end modes (decode, engine: see EndToEnd.cs) are driven by end-to-end.sh.
if (EndToEnd.Handles(args))
{
    Environment.ExitCode = await EndToEnd.RunAsync(args);
    return;
}
var options = BenchOptions.Parse(args);
Console.WriteLine($"model {options.ModelPath}");
if (options.Pool)
{
    // The batcher with 16 concurrent callers: does batching pay on this machine, and with which layout of actors?
    Console.WriteLine("| actors × intra-op threads | MaxBatch | images/s | mean batch run | median wait per image (ms) |");
    Console.WriteLine("| --- | --- | --- | --- | --- |");
    foreach (var (actors, threads) in new[] { (1, 2), (2, 1) })
    {
        foreach (var maxBatch in options.Batches)
        {
            for (var repeat = 0; repeat < options.Repeats; repeat++)
            {
                var r = await PoolLoop.MeasureAsync(options.ModelPath, actors, threads, maxBatch, callers: 16, TimeSpan.FromSeconds(options.Seconds));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {actors} × {threads} | {maxBatch} | {r.ImagesPerSecond:F1} | {r.MeanBatch:F1} | {r.MedianLatencyMs:F0} |"));
            }
        }
    }
    return;
}
Console.WriteLine($"{options.Repeats} repeats × {options.Seconds} s per configuration, batches {string.Join(",", options.Batches)}, intra-op threads {string.Join(",", options.Threads)}");

var results = new Dictionary<(int Threads, int Batch), List<RawLoop.Measurement>>();
foreach (var threads in options.Threads)
{
    var settings = Photo.SqueezeNet(Path.GetDirectoryName(Path.GetFullPath(options.ModelPath))!, threads, options.Batches.Max());
    settings.Model.Path = options.ModelPath;
    settings.Model.Labels = null;
    using var model = OnnxModel.Load(InferenceSettings.From(settings)!);
    var loop = new RawLoop(model);
    loop.Warm(options.Batches.Max());
    for (var repeat = 0; repeat < options.Repeats; repeat++)
    {
        foreach (var batch in options.Batches)
        {
            var measurement = loop.Measure(batch, TimeSpan.FromSeconds(options.Seconds));
            results.TryAdd((threads, batch), []);
            results[(threads, batch)].Add(measurement);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"threads {threads} batch {batch,2} repeat {repeat + 1}: {measurement.ImagesPerSecond,7:F1} images/s, {measurement.MedianBatchMs,7:F2} ms per batch (median of {measurement.Runs})"));
        }
    }
}

Console.WriteLine();
Console.WriteLine("| intra-op threads | batch | images/s (median of repeats) | spread (min–max) | ms per batch (median) |");
Console.WriteLine("| --- | --- | --- | --- | --- |");
foreach (var ((threads, batch), list) in results.OrderBy(r => r.Key.Threads).ThenBy(r => r.Key.Batch))
{
    var rates = list.Select(m => m.ImagesPerSecond).Order().ToArray();
    var ms = list.Select(m => m.MedianBatchMs).Order().ToArray();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {threads} | {batch} | {rates[rates.Length / 2]:F1} | {rates[0]:F1}–{rates[^1]:F1} | {ms[ms.Length / 2]:F1} |"));
}
