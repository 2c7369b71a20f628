using System.Globalization;

namespace ActorQueue.Bench.Images;

/// <summary>One measurement, printed as a JSON line for run.sh.</summary>
internal static class BenchResult
{
    public static int Print(string mode, int images, int sizes, TimeSpan elapsed)
    {
        var perSecond = images / elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $$"""{"mode":"{{mode}}","images":{{images}},"seconds":{{elapsed.TotalSeconds:0.000}},"imagesPerSecond":{{perSecond:0.00}},"thumbnailsPerSecond":{{perSecond * sizes:0.00}}}"""));
        return 0;
    }
}
