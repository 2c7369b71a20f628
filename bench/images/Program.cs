using ActorQueue.Bench.Images;

// bare   FILE SIZES SECONDS WORKERS [derive|per-size] [VIPS_THREADS]  — the binding alone, WORKERS threads, no engine
// engine SEED FILE SIZES IMAGES CONCURRENCY            — POST /api/images?wait=… through a running seed
// Each prints one JSON line: {"mode", "images", "seconds", "imagesPerSecond", "thumbnailsPerSecond"}.
return args switch
{
    ["bare", var file, var sizes, var seconds, var workers, .. var rest] =>
        BareLoop.Run(file, sizes, double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture), int.Parse(workers, System.Globalization.CultureInfo.InvariantCulture),
            rest.Length > 0 ? rest[0] : "derive", rest.Length > 1 ? int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture) : 1),
    ["engine", var seed, var file, var sizes, var images, var concurrency] =>
        await EngineLoad.RunAsync(new Uri(seed), file, sizes, int.Parse(images, System.Globalization.CultureInfo.InvariantCulture), int.Parse(concurrency, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Engine.Bench.Images bare FILE SIZES SECONDS WORKERS [derive|per-size] [VIPS_THREADS]");
    Console.Error.WriteLine("       Engine.Bench.Images engine SEED_URL FILE SIZES IMAGES CONCURRENCY");
    return 2;
}
