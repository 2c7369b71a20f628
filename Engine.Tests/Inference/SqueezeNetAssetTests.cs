using System.Net;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Inference;

/// <summary>
/// The real Caffe-converted SqueezeNet of <c>../shared/assets</c>, read in place (linked from a temp model
/// repository, never copied into the repository): with the manifest the README gives, the castle photo is a
/// castle; given with <c>--model</c> and no declared preprocessing, it is refused instead of answering nonsense.
/// The assets are present wherever the tests run (CI has a copy of shared/ beside the clone).
/// </summary>
[Trait("Category", "Integration")]
public sealed class SqueezeNetAssetTests
{
    private const string Manifest = """
        {
          "input": "data_0", "layout": "NCHW", "size": 224, "channelOrder": "BGR",
          "scale": 1, "mean": [103.939, 116.779, 123.68], "std": [1, 1, 1],
          "resize": "crop", "cropFraction": 0.875, "labels": "imagenet_class_index.json"
        }
        """;

    private static string Assets()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ActorQueue.sln")))
        {
            directory = directory.Parent;
        }
        string[] candidates = [Path.Combine(directory?.Parent?.FullName ?? "/", "shared", "assets"), "/work/shared/assets"];
        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "squeezenet_fp32_dynbatch.onnx")))
            ?? throw new InvalidOperationException($"The shared assets are not in {string.Join(" nor ", candidates)}: shared/ must sit beside the repository.");
    }

    [Fact]
    public async Task With_its_manifest_the_Caffe_SqueezeNet_calls_the_castle_a_castle()
    {
        var assets = Assets();
        using var repository = new TempDirectory();
        var folder = Directory.CreateDirectory(Path.Combine(repository.Path, "squeezenet")).FullName;
        File.CreateSymbolicLink(Path.Combine(folder, "model.onnx"), Path.Combine(assets, "squeezenet_fp32_dynbatch.onnx"));
        File.CreateSymbolicLink(Path.Combine(folder, "imagenet_class_index.json"), Path.Combine(assets, "imagenet_class_index.json"));
        await File.WriteAllTextAsync(Path.Combine(folder, "model.json"), Manifest);
        await using var seed = await SeedServer.StartAsync(["--models", repository.Path, "--Inference:Actors=1"]);

        var job = await seed.Http.ClassifyAsync(await File.ReadAllBytesAsync(Path.Combine(assets, "castle_image.jpg")), "top=1&wait=60");

        var best = job.Classification().Predictions.Single();
        Assert.True(best.Label == "castle" && best.Score > 0.9, $"castle_image.jpg was classified as {best.Label} ({best.Score})");
    }

    [Fact]
    public async Task Given_with_model_and_no_declared_preprocessing_it_is_refused()
    {
        var assets = Assets();
        await using var seed = await SeedServer.StartAsync(["--model", Path.Combine(assets, "squeezenet_fp32_dynbatch.onnx"), "--Inference:Actors=1"]);

        using var refused = await seed.Http.PostClassifyAsync(await File.ReadAllBytesAsync(Path.Combine(assets, "castle_image.jpg")), contentType: "image/jpeg");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Model 'squeezenet_fp32_dynbatch': --model ", (await refused.ProblemAsync()).Detail, StringComparison.Ordinal);
        Assert.Contains("does not declare how its input is made: declare Inference:Model:Input, Inference:Model:Layout", (await refused.ProblemAsync()).Detail, StringComparison.Ordinal);
    }
}
