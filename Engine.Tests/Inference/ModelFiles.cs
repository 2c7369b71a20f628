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
    /// Settings for <paramref name="modelPath"/> with one intra-op thread (the test suite shares two cores) and
    /// the test models' preprocessing declared (<see cref="Declare"/>), after <paramref name="configure"/> adjusts the options.
    /// </summary>
    public static InferenceSettings Settings(string modelPath, Action<InferenceOptions>? configure = null, int size = 8)
    {
        var options = new InferenceOptions { IntraOpThreads = 1 };
        options.Model.Path = modelPath;
        Declare(options.Model, size);
        configure?.Invoke(options);
        return InferenceSettings.From(options)!;
    }

    /// <summary>
    /// Declares what the test models take: input <c>pixels</c>, NCHW, <paramref name="size"/> pixels, RGB, values
    /// pixel / 255 (mean 0, std 1), the picture stretched to the square — nothing may be left to defaults.
    /// </summary>
    public static void Declare(InferenceModelOptions model, int size = 8)
    {
        model.Input = "pixels";
        model.Layout = "NCHW";
        model.Size = size;
        model.ChannelOrder = "RGB";
        model.Scale = 1.0 / 255;
        model.Mean = "0,0,0";
        model.Std = "1,1,1";
        model.Resize = "stretch";
    }

    /// <summary><see cref="Declare"/> as seed or node flags.</summary>
    public static string[] DeclaredFlags(int size = 8) =>
    [
        "--Inference:Model:Input=pixels", "--Inference:Model:Layout=NCHW", $"--Inference:Model:Size={size}", "--Inference:Model:ChannelOrder=RGB",
        "--Inference:Model:Scale=0.00392156862745098", "--Inference:Model:Mean=0,0,0", "--Inference:Model:Std=1,1,1", "--Inference:Model:Resize=stretch",
    ];

    public void Dispose() => _directory.Dispose();
}
