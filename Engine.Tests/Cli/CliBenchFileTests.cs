using System.Net.Http.Json;
using System.Text.Json;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.Imaging;
using ActorQueue.Tests.Inference;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ActorQueue.Tests.Cli;

/// <summary><c>aq bench --file</c>: the stress test of the seed documents, image and classify jobs sent by concurrent clients.</summary>
[Trait("Category", "Integration")]
public sealed class CliBenchFileTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private string Photo(string name, byte[] bytes)
    {
        var path = _files.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static JsonElement Report(CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(run.Out).RootElement;
    }

    private static void AssertEveryJobMeasured(JsonElement report, int jobs)
    {
        var latency = report.GetProperty("latency");
        Assert.Equal(jobs, latency.GetProperty("samples").GetInt32());
        Assert.Equal(0, latency.GetProperty("failures").GetInt32());
        Assert.True(latency.GetProperty("p99Ms").GetDouble() >= latency.GetProperty("p50Ms").GetDouble());
        var histogram = latency.GetProperty("histogram").EnumerateArray().ToList();
        Assert.NotEmpty(histogram);
        Assert.Equal(jobs, histogram.Sum(b => b.GetProperty("count").GetInt32()));
        Assert.True(histogram[0].GetProperty("count").GetInt32() > 0);
        Assert.True(histogram[^1].GetProperty("count").GetInt32() > 0);
    }

    [Fact]
    public async Task Bench_file_kind_image_sends_the_photo_as_thumbnail_jobs_and_measures_each_with_a_histogram()
    {
        await using var seed = await SeedServer.StartAsync();
        var photo = Photo("photo.jpg", TestImages.Gradient(320, 240));

        var report = Report(await CliHarness.RunAsync("--seed", seed.BaseAddress.ToString(), "bench", "--file", photo, "--kind", "image",
            "--sizes", "64,32", "--format", "webp", "--jobs", "12", "--concurrency", "3", "--json"));

        Assert.Equal(("image.thumbnail", "photo.jpg"), (report.GetProperty("kind").GetString(), report.GetProperty("file").GetString()));
        Assert.Equal(12, report.GetProperty("submitted").GetInt32());
        Assert.Equal(0, report.GetProperty("failures").GetInt32());
        Assert.True(report.GetProperty("complete").GetBoolean());
        Assert.True(report.GetProperty("jobsPerSecond").GetDouble() > 0);
        AssertEveryJobMeasured(report, 12);
        var jobs = (await seed.Http.GetFromJsonAsync("/api/jobs?kind=image.thumbnail&state=completed&limit=100", Protocol.WireJsonContext.Default.JobListResponse))!.Jobs;
        Assert.Equal(12, jobs.Count);
        Assert.All(jobs, job => Assert.Equal([64, 32], job.Thumbnails().Outputs.Select(o => o.Width)));
        Assert.All(jobs, job => Assert.All(job.Thumbnails().Outputs, o => Assert.Equal("webp", o.Format)));
    }

    [Fact]
    public async Task Bench_file_kind_classify_sends_the_photo_to_the_model_and_prints_percentiles_and_a_histogram()
    {
        await using var colours = await ColourSeed.StartAsync();
        var photo = Photo("sky.png", ColourImages.Solid(ColourImages.Blue));
        var url = colours.Seed.BaseAddress.ToString();

        var json = Report(await CliHarness.RunAsync("--seed", url, "bench", "--file", photo, "--kind", "classify", "--jobs", "8", "--concurrency", "2", "--json"));
        var text = await CliHarness.RunAsync("--seed", url, "bench", "--file", photo, "--kind", "inference.classify", "--model", "colour", "--jobs", "4");

        Assert.Equal("inference.classify", json.GetProperty("kind").GetString());
        Assert.Equal(8, json.GetProperty("submitted").GetInt32());
        AssertEveryJobMeasured(json, 8);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("sky.png as inference.classify", text.Out, StringComparison.Ordinal);
        Assert.Contains("latency p99 ms", text.Out, StringComparison.Ordinal);
        Assert.Contains("latency histogram", text.Out, StringComparison.Ordinal);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(text.Out, @"≤ [\d,]+ +█+ +\d+ +[\d.]+%"), text.Out);
        Assert.Contains("Sending sky.png", text.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_file_stops_at_the_duration_limit_with_what_it_measured_and_exits_1()
    {
        await using var seed = await FakeSeed.StartAsync(app => app.MapPost("/api/images", async (HttpContext context) =>
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted); // a seed that never answers: only the limit ends the run
            return Results.Empty;
        }));
        var photo = Photo("photo.jpg", TestImages.Gradient(64, 48));

        var run = await CliHarness.RunAsync("--seed", seed.Url, "bench", "--file", photo, "--kind", "image", "--jobs", "1000", "--concurrency", "2",
            "--duration-limit", "1", "--json");

        Assert.Equal(1, run.ExitCode);
        var report = JsonDocument.Parse(run.Out).RootElement;
        Assert.True(report.GetProperty("stoppedByLimit").GetBoolean());
        Assert.False(report.GetProperty("complete").GetBoolean());
        Assert.Equal(2, seed.RequestsTo("POST", "/api/images").Length);
        Assert.Contains("Stopped by the duration limit of 1 s.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_file_options_that_do_not_fit_are_bad_usage()
    {
        var photo = Photo("photo.jpg", TestImages.Gradient(64, 48));
        var seed = CliHarness.ClosedSeedUrl();

        var noKind = await CliHarness.RunAsync("--seed", seed, "bench", "--file", photo);
        var jsonKind = await CliHarness.RunAsync("--seed", seed, "bench", "--file", photo, "--kind", "echo");
        var batch = await CliHarness.RunAsync("--seed", seed, "bench", "--file", photo, "--kind", "image", "--batch", "10");
        var modelForImages = await CliHarness.RunAsync("--seed", seed, "bench", "--file", photo, "--kind", "image", "--model", "colour");
        var sizesWithoutFile = await CliHarness.RunAsync("--seed", seed, "bench", "--sizes", "128");
        var missing = await CliHarness.RunAsync("--seed", seed, "bench", "--file", _files.File("none.jpg"), "--kind", "image");

        Assert.All(new[] { noKind, jsonKind, batch, modelForImages, sizesWithoutFile, missing }, run => Assert.Equal(2, run.ExitCode));
        Assert.Contains("--file needs --kind image", noKind.Error, StringComparison.Ordinal);
        Assert.Contains("--file needs --kind image", jsonKind.Error, StringComparison.Ordinal);
        Assert.Contains("--batch does not apply with --file", batch.Error, StringComparison.Ordinal);
        Assert.Contains("--model does not apply to --kind image", modelForImages.Error, StringComparison.Ordinal);
        Assert.Contains("--sizes goes with --file", sizesWithoutFile.Error, StringComparison.Ordinal);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
    }
}
