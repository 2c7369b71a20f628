using ActorQueue.Inference.Model;
using ActorQueue.Inference.Repository;

namespace ActorQueue.Inference;

/// <summary>Memory order of the image tensor.</summary>
internal enum TensorLayout { Nchw, Nhwc }

/// <summary>Channel order the model expects.</summary>
internal enum ChannelOrder { Rgb, Bgr }

/// <summary>How an image is brought to the model's square size.</summary>
internal enum ResizeMode { Crop, Stretch }

/// <summary>Whether top-k applies a softmax to the model's scores.</summary>
internal enum SoftmaxMode { Auto, Always, Never }

/// <summary>
/// One served model, checked: its files, its declared input contract and preprocessing, its batching and
/// the sessions its actors open. Made from a repository folder's <c>model.json</c> (<see cref="ModelManifest"/>)
/// or from the <c>Inference:Model:*</c> keys (<see cref="From"/>); <see cref="Names"/> says which, for errors.
/// </summary>
internal sealed record InferenceSettings
{
    /// <summary>The name jobs use (<c>?model=NAME</c>) and results report: the repository folder, or the file name without extension.</summary>
    public required string Name { get; init; }
    public required string ModelPath { get; init; }
    public string? LabelsPath { get; init; }
    public required SettingNames Names { get; init; }
    public required string InputName { get; init; }
    public string? OutputName { get; init; }
    public TensorLayout Layout { get; init; }
    public int Size { get; init; }
    public ChannelOrder ChannelOrder { get; init; }
    public float Scale { get; init; }
    public required float[] Mean { get; init; }
    public required float[] Std { get; init; }
    public ResizeMode Resize { get; init; }

    /// <summary>With <see cref="ResizeMode.Crop"/>, the part of the shorter side kept; 1 with <see cref="ResizeMode.Stretch"/>.</summary>
    public float CropFraction { get; init; } = 1;
    public SoftmaxMode Softmax { get; init; }
    public int MaxBatch { get; init; }
    public TimeSpan MaxDelay { get; init; }
    public int Actors { get; init; }
    public required OrtSessionSettings Session { get; init; }

    /// <summary>
    /// The single model of the <c>Inference:Model:*</c> keys, or null when <c>Inference:Model:Path</c> is unset.
    /// Throws <see cref="InferenceConfigurationException"/> with every problem, one sentence each: first the
    /// preprocessing keys left undeclared, then the values that are wrong.
    /// </summary>
    public static InferenceSettings? From(InferenceOptions options)
    {
        var model = options.Model;
        if (string.IsNullOrWhiteSpace(model.Path))
        {
            return null;
        }
        var problems = new List<string>();
        var missing = KeySettings.Undeclared(model);
        if (missing.Count > 0)
        {
            problems.Add(KeySettings.UndeclaredSentence(model.Path, missing));
        }
        var settings = KeySettings.Read(model, problems);
        var shared = SharedSettings.Read(options, problems);
        return problems.Count == 0
            ? settings with
            {
                Name = Path.GetFileNameWithoutExtension(model.Path),
                ModelPath = model.Path,
                MaxBatch = shared.MaxBatch,
                MaxDelay = shared.MaxDelay,
                Actors = shared.Actors,
                Session = shared.Session,
            }
            : throw new InferenceConfigurationException(string.Join(" ", problems));
    }
}

/// <summary>The <c>Inference</c> configuration is invalid; the message has one sentence per problem.</summary>
public sealed class InferenceConfigurationException : Exception
{
    public InferenceConfigurationException(string message) : base(message) { }

    public InferenceConfigurationException(string message, Exception innerException) : base(message, innerException) { }

    public InferenceConfigurationException() : base("The Inference configuration is invalid.") { }
}
