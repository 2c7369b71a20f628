using System.Globalization;

namespace ActorQueue.Bench.Inference;

/// <summary>Command line of the benchmark; the model defaults to the shared SqueezeNet, read in place.</summary>
internal sealed record BenchOptions(string ModelPath, int Repeats, double Seconds, int[] Batches, int[] Threads, bool Pool)
{
    public static BenchOptions Parse(string[] args)
    {
        var model = Environment.GetEnvironmentVariable("AQ_BENCH_MODEL") ?? DefaultModel();
        int repeats = 3;
        double seconds = 3;
        int[] batches = [1, 2, 4, 8, 16, 32];
        int[] threads = [1, 2];
        var pool = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--repeats": repeats = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--batches": batches = Ints(args[++i]); break;
                case "--threads": threads = Ints(args[++i]); break;
                case "--pool": pool = true; break;
                default: model = args[i]; break;
            }
        }
        return new BenchOptions(model, repeats, seconds, batches, threads, pool);
    }

    private static int[] Ints(string text) => text.Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();

    /// <summary><c>../shared/assets/squeezenet_fp32_dynbatch.onnx</c> beside the repository that holds this program.</summary>
    private static string DefaultModel()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ActorQueue.sln")))
        {
            directory = directory.Parent;
        }
        return directory is null
            ? "squeezenet_fp32_dynbatch.onnx"
            : Path.Combine(directory.FullName, "..", "shared", "assets", "squeezenet_fp32_dynbatch.onnx");
    }
}
