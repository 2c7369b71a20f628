using ActorQueue.Bench.Images;

// bare   FILE SIZES SECONDS WORKERS [derive|per-size] [VIPS_THREADS]  — the binding alone, WORKERS threads, no engine
// engine SEED FILE SIZES IMAGES CONCURRENCY SEED_PID [WARMUP_SECONDS]  — POST /api/images?wait=… through a running seed,
//        after WARMUP_SECONDS (default 10) of untimed uploads
// Each prints one JSON line: {"mode", "images", "seconds", "imagesPerSecond", "thumbnailsPerSecond", "cpuMsPerImage"}
// (CPU of the bench process itself for bare, of the seed process for engine).
return args switch
{
    ["bare", var file, var sizes, var seconds, var workers, .. var rest] =>
        BareLoop.Run(file, sizes, double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture), int.Parse(workers, System.Globalization.CultureInfo.InvariantCulture),
            rest.Length > 0 ? rest[0] : "derive", rest.Length > 1 ? int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture) : 1),
    ["engine", var seed, var file, var sizes, var images, var concurrency, var seedPid, .. var rest] =>
        await EngineLoad.RunAsync(new Uri(seed), file, sizes, int.Parse(images, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(concurrency, System.Globalization.CultureInfo.InvariantCulture), int.Parse(seedPid, System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(rest.Length > 0 ? double.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : 10)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Engine.Bench.Images bare FILE SIZES SECONDS WORKERS [derive|per-size] [VIPS_THREADS]");
    Console.Error.WriteLine("       Engine.Bench.Images engine SEED_URL FILE SIZES IMAGES CONCURRENCY SEED_PID [WARMUP_SECONDS]");
    return 2;
}
