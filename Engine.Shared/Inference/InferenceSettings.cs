using System.Globalization;
using ActorQueue.Inference.Interop;

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
/// <see cref="InferenceOptions"/> checked and parsed. <see cref="From"/> reports every problem at once, one
/// sentence each, in an <see cref="InferenceConfigurationException"/>.
/// </summary>
internal sealed record InferenceSettings
{
    public required string ModelPath { get; init; }
    public string? LabelsPath { get; init; }
    public string? RuntimePath { get; init; }
    public string? InputName { get; init; }
    public string? OutputName { get; init; }
    public TensorLayout Layout { get; init; }
    public int? Size { get; init; }
    public ChannelOrder ChannelOrder { get; init; }
    public float Scale { get; init; }
    public required float[] Mean { get; init; }
    public required float[] Std { get; init; }
    public ResizeMode Resize { get; init; }
    public float CropFraction { get; init; }
    public SoftmaxMode Softmax { get; init; }
    public int MaxBatch { get; init; }
    public TimeSpan MaxDelay { get; init; }
    public int Actors { get; init; }
    public required OrtSessionSettings Session { get; init; }

    /// <summary>The settings, or null when no model is configured (the node then runs no inference pool).</summary>
    public static InferenceSettings? From(InferenceOptions options)
    {
        var model = options.Model;
        if (string.IsNullOrWhiteSpace(model.Path))
        {
            return null;
        }
        var problems = new List<string>();
        var settings = new InferenceSettings
        {
            ModelPath = model.Path,
            LabelsPath = string.IsNullOrWhiteSpace(model.Labels) ? null : model.Labels,
            RuntimePath = string.IsNullOrWhiteSpace(options.RuntimePath) ? null : options.RuntimePath,
            InputName = string.IsNullOrWhiteSpace(model.Input) ? null : model.Input,
            OutputName = string.IsNullOrWhiteSpace(model.Output) ? null : model.Output,
            Layout = Choice(model.Layout, "Inference:Model:Layout", problems, ("NCHW", TensorLayout.Nchw), ("NHWC", TensorLayout.Nhwc)),
            Size = model.Size,
            ChannelOrder = Choice(model.ChannelOrder, "Inference:Model:ChannelOrder", problems, ("RGB", ChannelOrder.Rgb), ("BGR", ChannelOrder.Bgr)),
            Scale = (float)model.Scale,
            Mean = PerChannel(model.Mean, "Inference:Model:Mean", problems, allowZero: true),
            Std = PerChannel(model.Std, "Inference:Model:Std", problems, allowZero: false),
            Resize = Choice(model.Resize, "Inference:Model:Resize", problems, ("crop", ResizeMode.Crop), ("stretch", ResizeMode.Stretch)),
            CropFraction = (float)model.CropFraction,
            Softmax = Choice(model.Softmax, "Inference:Model:Softmax", problems,
                ("auto", SoftmaxMode.Auto), ("always", SoftmaxMode.Always), ("never", SoftmaxMode.Never)),
            MaxBatch = options.MaxBatch,
            MaxDelay = TimeSpan.FromMilliseconds(Math.Max(0, options.MaxDelayMs)),
            Actors = options.Actors,
            Session = new OrtSessionSettings(options.IntraOpThreads > 0 ? options.IntraOpThreads : Math.Max(1, Environment.ProcessorCount / Math.Max(1, options.Actors)),
                Choice(options.GraphOptimization, "Inference:GraphOptimization", problems,
                    ("all", 99), ("extended", 2), ("basic", 1), ("disabled", 0)),
                options.AllowSpinning),
        };
        if (model.Size is < 1 or > 4096)
        {
            problems.Add($"Inference:Model:Size is {model.Size}; give a size in pixels from 1 to 4096, or leave it unset to take the model's own.");
        }
        if (!double.IsFinite(model.Scale) || model.Scale <= 0)
        {
            problems.Add($"Inference:Model:Scale is {model.Scale.ToString(CultureInfo.InvariantCulture)}; it must be a positive number (1/255 ≈ 0.00392 maps 0–255 to 0–1).");
        }
        if (!double.IsFinite(model.CropFraction) || model.CropFraction is < 0.1 or > 1)
        {
            problems.Add($"Inference:Model:CropFraction is {model.CropFraction.ToString(CultureInfo.InvariantCulture)}; it must be from 0.1 to 1 (0.875 crops 224 out of 256).");
        }
        if (options.MaxBatch is < 1 or > 1024)
        {
            problems.Add($"Inference:MaxBatch is {options.MaxBatch}; it must be from 1 to 1024.");
        }
        if (!double.IsFinite(options.MaxDelayMs) || options.MaxDelayMs is < 0 or > 60_000)
        {
            problems.Add($"Inference:MaxDelayMs is {options.MaxDelayMs.ToString(CultureInfo.InvariantCulture)}; it must be from 0 to 60000 milliseconds.");
        }
        if (options.Actors is < 1 or > 64)
        {
            problems.Add($"Inference:Actors is {options.Actors}; it must be from 1 to 64.");
        }
        if (options.IntraOpThreads is < 0 or > 256)
        {
            problems.Add($"Inference:IntraOpThreads is {options.IntraOpThreads}; it must be from 0 (the cores shared among the actors) to 256.");
        }
        return problems.Count == 0 ? settings : throw new InferenceConfigurationException(string.Join(" ", problems));
    }

    private static T Choice<T>(string? text, string key, List<string> problems, params (string Name, T Value)[] choices)
    {
        foreach (var (name, value) in choices)
        {
            if (string.Equals(text?.Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        problems.Add($"{key} is '{text}'; use one of {string.Join(", ", choices.Select(c => c.Name))}.");
        return choices[0].Value;
    }

    private static float[] PerChannel(string? text, string key, List<string> problems, bool allowZero)
    {
        var parts = (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries);
        var values = new float[3];
        var ok = parts.Length == 3;
        for (var i = 0; ok && i < 3; i++)
        {
            ok = float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])
                && float.IsFinite(values[i]) && (allowZero || values[i] > 0);
        }
        if (!ok)
        {
            problems.Add($"{key} is '{text}'; give three comma-separated {(allowZero ? "numbers" : "positive numbers")}, one per channel in the model's channel order.");
        }
        return values;
    }
}

/// <summary>The <c>Inference</c> configuration is invalid; the message has one sentence per problem.</summary>
public sealed class InferenceConfigurationException : Exception
{
    public InferenceConfigurationException(string message) : base(message) { }

    public InferenceConfigurationException(string message, Exception innerException) : base(message, innerException) { }

    public InferenceConfigurationException() : base("The Inference configuration is invalid.") { }
}
