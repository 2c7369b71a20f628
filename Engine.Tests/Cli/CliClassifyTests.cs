using System.Text.Json;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.Inference;

namespace ActorQueue.Tests.Cli;

/// <summary><c>aq classify</c> against a real seed running the colour classifier: the table, <c>--json</c>, exit codes 1 and 2.</summary>
[Trait("Category", "Integration")]
public sealed class CliClassifyTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private ColourSeed _seed = null!;

    public async Task InitializeAsync() => _seed = await ColourSeed.StartAsync();

    public async Task DisposeAsync()
    {
        await _seed.DisposeAsync();
        _directory.Dispose();
    }

    private Task<CliRun> Aq(params string[] args) =>
        CliHarness.RunAsync([.. args, "--seed", _seed.Seed.BaseAddress.ToString().TrimEnd('/')]);

    private string Photo(string name, byte[] bytes)
    {
        var path = _directory.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public async Task Classify_prints_the_model_and_a_table_of_the_best_classes_best_first()
    {
        var photo = Photo("sea.webp", ColourImages.Solid(ColourImages.Blue, ActorQueue.Imaging.Thumbnails.ImageFormat.Webp));

        var run = await Aq("classify", photo, "--top", "2");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("sea.webp (model colour)", run.Out, StringComparison.Ordinal);
        var rows = run.Out.Split('\n').Where(line => line.StartsWith("│ ", StringComparison.Ordinal)).Skip(1).ToArray(); // after the header row
        Assert.Equal(2, rows.Length);
        Assert.Matches(@"^│ 1 +│ blue +│ 2 +│ 0\.9\d{3} +│", rows[0]);
        Assert.StartsWith("│ 2 ", rows[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_json_it_prints_the_completed_job_with_its_predictions()
    {
        var photo = Photo("leaf.png", ColourImages.Solid(ColourImages.Green));

        var run = await Aq("classify", photo, "--json");

        Assert.Equal(0, run.ExitCode);
        var job = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(("inference.classify", "completed"), (job.GetProperty("kind").GetString(), job.GetProperty("state").GetString()));
        var best = job.GetProperty("result").GetProperty("predictions")[0];
        Assert.Equal(("green", 1), (best.GetProperty("label").GetString(), best.GetProperty("index").GetInt32()));
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_exits_1_with_the_seeds_reason()
    {
        var notes = Photo("notes.jpg", "shopping list: milk, eggs"u8.ToArray());

        var run = await Aq("classify", notes);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("The data is not an image", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_or_a_bad_top_is_bad_usage_exit_2()
    {
        var missing = await Aq("classify", _directory.File("nowhere.jpg"));
        var badTop = await Aq("classify", Photo("red.png", ColourImages.Solid(ColourImages.Red)), "--top", "0");

        Assert.Equal((2, 2), (missing.ExitCode, badTop.ExitCode));
        Assert.Contains("Cannot read", missing.Error, StringComparison.Ordinal);
        Assert.Contains("--top must be between 1 and 1,000", badTop.Error, StringComparison.Ordinal);
    }
}
