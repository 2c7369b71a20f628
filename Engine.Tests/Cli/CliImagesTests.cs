using System.Text.Json;
using ActorQueue.Imaging.Thumbnails;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.Imaging;

namespace ActorQueue.Tests.Cli;

/// <summary><c>aq images thumb</c> against a real seed: files written, exit codes 0, 1 and 2.</summary>
[Trait("Category", "Integration")]
public sealed class CliImagesTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private SeedServer _seed = null!;

    public async Task InitializeAsync() => _seed = await SeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _seed.DisposeAsync();
        _directory.Dispose();
    }

    private Task<CliRun> Aq(params string[] args) =>
        CliHarness.RunAsync([.. args, "--seed", _seed.BaseAddress.ToString().TrimEnd('/')]);

    private string Photo(string name, byte[] bytes)
    {
        var path = _directory.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public async Task Thumb_writes_one_file_per_size_into_the_output_directory()
    {
        var photo = Photo("holiday.jpg", TestImages.Gradient(1200, 900));
        var output = _directory.File("thumbs");

        var run = await Aq("images", "thumb", photo, "--sizes", "128,512", "--format", "webp", "--out", output);

        Assert.True(run.ExitCode == 0, run.Error);
        var small = DecodedImage.From(File.ReadAllBytes(Path.Combine(output, "holiday-128.webp")));
        var large = DecodedImage.From(File.ReadAllBytes(Path.Combine(output, "holiday-512.webp")));
        Assert.Equal((ImageFormat.Webp, 128, 96), (small.Format, small.Width, small.Height));
        Assert.Equal((512, 384), (large.Width, large.Height));
        Assert.Contains("holiday-512.webp", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_json_it_prints_the_completed_job()
    {
        var photo = Photo("square.png", TestImages.Gradient(300, 200, ImageFormat.Png));

        var run = await Aq("images", "thumb", photo, "--sizes", "64", "--crop", "centre", "--out", _directory.File("out"), "--json");

        Assert.Equal(0, run.ExitCode);
        var output = JsonDocument.Parse(run.Out).RootElement.GetProperty("result").GetProperty("outputs")[0];
        Assert.Equal((64, 64, "png"), (output.GetProperty("width").GetInt32(), output.GetProperty("height").GetInt32(), output.GetProperty("format").GetString()));
        Assert.True(File.Exists(_directory.File("out/square-64.png")));
    }

    [Fact]
    public async Task An_image_the_seed_refuses_exits_1_with_its_reason()
    {
        var bomb = Photo("bomb.png", TestImages.PngClaiming(30_000, 30_000));

        var run = await Aq("images", "thumb", bomb, "--sizes", "64");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("over the limit of 50 MP", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_discarded_for_a_corrupt_image_exits_1_with_the_error()
    {
        var truncated = Photo("cut.jpg", TestImages.Truncated(TestImages.Gradient(1600, 1200), 0.5));

        var run = await Aq("images", "thumb", truncated, "--sizes", "64", "--out", _directory.File("none"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("was discarded", run.Error, StringComparison.Ordinal);
        Assert.Contains("corrupt or truncated", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directory.File("none")));
    }

    [Theory]
    [InlineData("--sizes 128,big", "'big' is not one")]
    [InlineData("--sizes 10 --format gif", "gif")]
    [InlineData("--format png", "--sizes")]
    public async Task Bad_options_exit_2(string options, string expected)
    {
        var photo = Photo("p.jpg", TestImages.Gradient(40, 30));

        var run = await Aq(["images", "thumb", photo, .. options.Split(' ')]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_exits_2()
    {
        var run = await Aq("images", "thumb", _directory.File("nope.jpg"), "--sizes", "10");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("nope.jpg", run.Error, StringComparison.Ordinal);
    }
}
