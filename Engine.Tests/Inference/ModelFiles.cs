using ActorQueue.Inference;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Inference;

/// <summary>A temp directory of model and label files, and settings that point at them.</summary>
internal sealed class ModelFiles : IDisposable
{
    private readonly TempDirectory _directory = new();

    public string Write(string name, byte[] contents)
    {
        var path = _directory.File(name);
        File.WriteAllBytes(path, contents);
        return path;
    }

    public string WriteText(string name, string contents)
    {
        var path = _directory.File(name);
        File.WriteAllText(path, contents);
        return path;
    }

    public string PathOf(string name) => _directory.File(name);

    /// <summary>
    /// Settings for <paramref name="modelPath"/> with one intra-op thread (the test suite shares two cores),
    /// after <paramref name="configure"/> adjusts the options.
    /// </summary>
    public static InferenceSettings Settings(string modelPath, Action<InferenceOptions>? configure = null)
    {
        var options = new InferenceOptions { IntraOpThreads = 1 };
        options.Model.Path = modelPath;
        configure?.Invoke(options);
        return InferenceSettings.From(options)!;
    }

    public void Dispose() => _directory.Dispose();
}
