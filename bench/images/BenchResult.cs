using System.Globalization;

namespace ActorQueue.Bench.Images;

/// <summary>One measurement, printed as a JSON line for run.sh.</summary>
internal static class BenchResult
{
    /// <param name="cpu">CPU time the working process spent on the measured images (all its threads).</param>
    public static int Print(string mode, int images, int sizes, TimeSpan elapsed, TimeSpan cpu)
    {
        var perSecond = images / elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $$"""{"mode":"{{mode}}","images":{{images}},"seconds":{{elapsed.TotalSeconds:0.000}},"imagesPerSecond":{{perSecond:0.00}},"thumbnailsPerSecond":{{perSecond * sizes:0.00}},"cpuMsPerImage":{{cpu.TotalMilliseconds / images:0.0}}}"""));
        return 0;
    }
}
