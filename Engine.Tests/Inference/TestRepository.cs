using ActorQueue.Inference.Demo;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.Inference.OnnxModels;

namespace ActorQueue.Tests.Inference;

/// <summary>A model repository in a temp directory: the demo model, the tests' colour classifier under any name, and models that must be refused.</summary>
internal sealed class TestRepository : IDisposable
{
    private readonly TempDirectory _directory = new();

    public string Path => _directory.Path;

    /// <summary>The project's demo model, <c>colours</c>, as <c>aq models demo</c> writes it.</summary>
    public TestRepository WithDemo()
    {
        DemoModel.Write(Path);
        return this;
    }

    /// <summary>
    /// <c>NAME/model.onnx</c> (the tests' 4-class colour classifier unless <paramref name="model"/> is given),
    /// <c>NAME/model.json</c> from <see cref="Manifest"/> and, unless null, <c>NAME/labels.txt</c>.
    /// </summary>
    public TestRepository With(string name, byte[]? model = null, string? manifest = null, string? labels = "red\ngreen\nblue\nblack\n")
    {
        var folder = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(System.IO.Path.Combine(folder, "model.onnx"), model ?? TestModels.ColourClassifier(size: 8L));
        File.WriteAllText(System.IO.Path.Combine(folder, "model.json"), manifest ?? Manifest(labels: labels is null ? null : "labels.txt"));
        if (labels is not null)
        {
            File.WriteAllText(System.IO.Path.Combine(folder, "labels.txt"), labels);
        }
        return this;
    }

    public string FolderOf(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The manifest of the tests' colour classifier: pixels / 255, stretched to <paramref name="size"/>.</summary>
    public static string Manifest(string input = "pixels", string layout = "NCHW", int size = 8, string? labels = "labels.txt", string? extra = null) => $$"""
        {
          "input": "{{input}}", "layout": "{{layout}}", "size": {{size}}, "channelOrder": "RGB",
          "scale": 0.00392156862745098, "mean": [0, 0, 0], "std": [1, 1, 1], "resize": "stretch"
          {{(labels is null ? "" : $", \"labels\": \"{labels}\"")}}{{extra}}
        }
        """;

    public void Dispose() => _directory.Dispose();
}
