using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ActorQueue.Bench.Images;

/// <summary>
/// Pushes <c>images</c> uploads through a seed, <c>concurrency</c> at a time, each <c>POST /api/images?wait=</c>
/// answered when its job is final; the time runs from the first upload to the last completion. Before that,
/// uploads for <c>warmup</c> untimed: the figure is the seed's steady state, not its start-up (a few images are
/// not enough: .NET's tiered compiler is still recompiling hot methods many seconds in, at several percent of
/// the CPU).
/// </summary>
internal static class EngineLoad
{
    /// <param name="seedPid">The seed's process id, to report the CPU time it spent per image.</param>
    public static async Task<int> RunAsync(Uri seed, string file, string sizes, int images, int concurrency, int seedPid, TimeSpan warmup)
    {
        var input = await File.ReadAllBytesAsync(file);
        using var http = new HttpClient { BaseAddress = seed, Timeout = TimeSpan.FromMinutes(10) };
        var query = $"/api/images?sizes={sizes}&format=jpeg&wait=120";
        var warming = Stopwatch.StartNew();
        do
        {
            await RunManyAsync(http, query, input, concurrency * 2, concurrency);
        }
        while (warming.Elapsed < warmup);
        using var seedProcess = Process.GetProcessById(seedPid);
        var cpu = seedProcess.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await RunManyAsync(http, query, input, images, concurrency);
        var elapsed = clock.Elapsed;
        seedProcess.Refresh();
        return BenchResult.Print("engine", images, sizes.Split(',').Length, elapsed, seedProcess.TotalProcessorTime - cpu);
    }

    private static async Task RunManyAsync(HttpClient http, string query, byte[] input, int images, int concurrency)
    {
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= images)
            {
                using var content = new ByteArrayContent(input);
                content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                using var response = await http.PostAsync(query, content);
                var body = await response.Content.ReadAsStringAsync();
                using var job = JsonDocument.Parse(body);
                if (!response.IsSuccessStatusCode || job.RootElement.GetProperty("state").GetString() != "completed")
                {
                    throw new InvalidOperationException($"an image job did not complete: {(int)response.StatusCode} {body}");
                }
            }
        }));
    }
}
