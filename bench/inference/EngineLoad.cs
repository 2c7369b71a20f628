using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ActorQueue.Bench.Inference;

/// <summary>
/// Classifications through a running seed: <c>clients</c> concurrent clients, each sending the photos in
/// rotation to <c>POST /api/classify?top=1&amp;wait=60</c>, one at a time, each answered when its job is final;
/// every answer is checked against the photo's class. Before that, classifications for <c>warmup</c> untimed:
/// the figure is the seed's steady state (.NET's tiered compiler is still recompiling hot methods many
/// seconds after start-up, at several percent of the CPU).
/// </summary>
internal static class EngineLoad
{
    public sealed record Result(int Images, double Seconds, double SeedCpuMsPerImage, double ClientCpuMsPerImage)
    {
        public double ImagesPerSecond => Images / Seconds;
    }

    public static async Task<Result> RunAsync(Uri seed, Photo[] photos, int images, int clients, int seedPid, TimeSpan warmup)
    {
        using var http = new HttpClient { BaseAddress = seed, Timeout = TimeSpan.FromMinutes(5) };
        var warming = Stopwatch.StartNew();
        do
        {
            await RunManyAsync(http, photos, clients * 2, clients);
        }
        while (warming.Elapsed < warmup);
        using var seedProcess = Process.GetProcessById(seedPid);
        using var self = Process.GetCurrentProcess();
        var cpu = seedProcess.TotalProcessorTime;
        var clientCpu = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await RunManyAsync(http, photos, images, clients);
        var elapsed = clock.Elapsed;
        seedProcess.Refresh();
        self.Refresh();
        return new Result(images, elapsed.TotalSeconds, (seedProcess.TotalProcessorTime - cpu).TotalMilliseconds / images,
            (self.TotalProcessorTime - clientCpu).TotalMilliseconds / images);
    }

    private static async Task RunManyAsync(HttpClient http, Photo[] photos, int images, int clients)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < images)
            {
                var photo = photos[index % photos.Length];
                using var content = new ByteArrayContent(photo.Bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                using var response = await http.PostAsync("/api/classify?top=1&wait=60", content);
                var body = await response.Content.ReadAsStringAsync();
                using var job = JsonDocument.Parse(body);
                var root = job.RootElement;
                if (!response.IsSuccessStatusCode || root.GetProperty("state").GetString() != "completed")
                {
                    throw new InvalidOperationException($"{photo.Name}: the classify job did not complete: {(int)response.StatusCode} {body}");
                }
                var label = root.GetProperty("result").GetProperty("predictions")[0].GetProperty("label").GetString();
                if (label != photo.Expected)
                {
                    throw new InvalidOperationException($"{photo.Name} was classified as {label}, not {photo.Expected}.");
                }
            }
        }));
    }
}
