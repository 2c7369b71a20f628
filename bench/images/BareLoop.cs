using System.Diagnostics;
using ActorQueue.Imaging;
using ActorQueue.Imaging.Thumbnails;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorQueue.Bench.Images;

/// <summary>
/// The practical limit: the engine's own thumbnailer (same binding, same settings: one libvips thread per
/// operation unless asked otherwise, cache off) on <c>workers</c> threads in a loop over the same input, with
/// no HTTP, store or actors.
/// </summary>
internal static class BareLoop
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(3);

    public static int Run(string file, string sizes, double seconds, int workers, string strategy, int vipsThreads)
    {
        var options = new ImageOptions { VipsThreads = vipsThreads };
        var thumbnailer = new VipsThumbnailer(new ImageInspector(options), new ImagingRuntime(options, NullLogger<ImagingRuntime>.Instance))
        {
            Strategy = strategy == "per-size" ? ThumbnailStrategy.OnePerSize : ThumbnailStrategy.DeriveFromLargest,
        };
        var input = File.ReadAllBytes(file);
        var spec = ThumbnailSpec.Parse(sizes, "jpeg", null, null, options);

        // Warm up (JIT, libvips start-up) on every worker for a few seconds, as the engine load does, then
        // measure for the time asked.
        var warming = Stopwatch.StartNew();
        Parallel.For(0, workers, _ =>
        {
            do
            {
                thumbnailer.Render(input, spec, CancellationToken.None);
            }
            while (warming.Elapsed < Warmup);
        });
        var done = 0;
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, workers).Select(_ => new Thread(() =>
        {
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                thumbnailer.Render(input, spec, CancellationToken.None);
                Interlocked.Increment(ref done);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var elapsed = clock.Elapsed;
        process.Refresh();
        return BenchResult.Print($"bare-{strategy}-{workers}x{vipsThreads}", done, spec.Sizes.Count, elapsed, process.TotalProcessorTime - cpu);
    }
}
