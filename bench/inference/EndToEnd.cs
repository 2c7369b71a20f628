using System.Globalization;

namespace ActorQueue.Bench.Inference;

/// <summary>
/// The end-to-end modes, driven by <c>end-to-end.sh</c>; each prints one JSON line:
/// <code>
/// decode ASSETS WORKERS BATCH SECONDS           the raw loop: decode + preprocess + run, no engine
/// engine SEED_URL ASSETS IMAGES CLIENTS SEED_PID [WARMUP_SECONDS]  classifications through a running seed,
///                                                  after WARMUP_SECONDS (default 10) untimed
/// </code>
/// </summary>
internal static class EndToEnd
{
    public static bool Handles(string[] args) => args is ["decode", ..] or ["engine", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["decode", var assets, var workers, var batch, var seconds]:
                var raw = DecodeLoop.Measure(assets, Photo.Load(assets), Int(workers), Int(batch), TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture)));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $$"""{"mode":"decode","workers":{{raw.Workers}},"batch":{{raw.Batch}},"images":{{raw.Images}},"seconds":{{raw.Seconds:0.000}},"imagesPerSecond":{{raw.ImagesPerSecond:0.00}},"cpuMsPerImage":{{raw.CpuMsPerImage:0.0}}}"""));
                return 0;
            case ["engine", var seed, var assets, var images, var clients, var seedPid, .. var rest]:
                var warmup = TimeSpan.FromSeconds(rest.Length > 0 ? double.Parse(rest[0], CultureInfo.InvariantCulture) : 10);
                var engine = await EngineLoad.RunAsync(new Uri(seed), Photo.Load(assets), Int(images), Int(clients), Int(seedPid), warmup);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $$"""{"mode":"engine","images":{{engine.Images}},"seconds":{{engine.Seconds:0.000}},"imagesPerSecond":{{engine.ImagesPerSecond:0.00}},"seedCpuMsPerImage":{{engine.SeedCpuMsPerImage:0.0}},"clientCpuMsPerImage":{{engine.ClientCpuMsPerImage:0.0}}}"""));
                return 0;
            default:
                Console.Error.WriteLine("usage: Inference.Bench decode ASSETS WORKERS BATCH SECONDS | engine SEED_URL ASSETS IMAGES CLIENTS SEED_PID [WARMUP_SECONDS]");
                return 2;
        }
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
