using ActorQueue.Inference.Demo;
using ActorQueue.Tests.Cli;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Inference;

/// <summary>
/// The demo model the project writes itself (<c>aq models demo DIR</c>, which <c>scripts/start.sh</c> runs):
/// a seed started with <c>--models DIR</c> names the colour of its sample pictures and of pure colours in any
/// format, with the model left out of the request since it is the only one.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DemoModelTests
{
    [Fact]
    public async Task Aq_models_demo_writes_the_model_its_manifest_labels_and_samples_and_a_seed_classifies_pure_colours_with_it()
    {
        using var directory = new TempDirectory();
        var repository = directory.File("models");

        var written = await CliHarness.RunAsync("models", "demo", repository);
        await using var seed = await SeedServer.StartAsync(["--models", repository, "--Inference:Actors=1", "--Inference:IntraOpThreads=1"]);

        Assert.Equal(0, written.ExitCode);
        Assert.Contains($"Wrote the model 'colours' to {repository}/colours", written.Out, StringComparison.Ordinal);
        var samples = Directory.GetFiles(Path.Combine(repository, "colours", "samples"), "*.png").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["blue", "green", "red", "white", "yellow"], samples.Select(Path.GetFileNameWithoutExtension));
        foreach (var sample in samples)
        {
            var job = await seed.Http.ClassifyAsync(await File.ReadAllBytesAsync(sample), "top=1&wait=20");
            var best = job.Classification().Predictions.Single();
            Assert.True(best.Label == Path.GetFileNameWithoutExtension(sample) && best.Score > 0.99, $"{sample} was classified as {best.Label} ({best.Score})");
        }
        foreach (var (label, colour) in DemoModel.Classes)
        {
            var format = label.Length % 2 == 0 ? ActorQueue.Imaging.Thumbnails.ImageFormat.Jpeg : ActorQueue.Imaging.Thumbnails.ImageFormat.Webp;
            Assert.Equal(label, (await seed.Http.ClassifyAsync(ColourImages.Solid(colour, format), "model=colours&top=1&wait=20")).Best());
        }
    }

    [Fact]
    public async Task Writing_the_demo_again_replaces_it()
    {
        using var directory = new TempDirectory();

        var first = await CliHarness.RunAsync("models", "demo", directory.Path);
        var second = await CliHarness.RunAsync("models", "demo", directory.Path);

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Equal(["colours"], Directory.GetDirectories(directory.Path).Select(Path.GetFileName));
        Assert.Equal(DemoModel.Manifest + "\n", await File.ReadAllTextAsync(Path.Combine(directory.Path, "colours", "model.json")));
    }
}
