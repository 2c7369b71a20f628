using System.Globalization;
using ActorQueue.Inference.Model;

namespace ActorQueue.Inference.Repository;

/// <summary>
/// The single model's <c>Inference:Model:*</c> keys. Every key that changes the numbers fed to the model
/// must be declared; <see cref="Undeclared"/> lists those left unset.
/// </summary>
internal static class KeySettings
{
    private const string Key = "Inference:Model:";

    public static List<string> Undeclared(InferenceModelOptions model)
    {
        var missing = new List<string>();
        void Need(bool declared, string name)
        {
            if (!declared)
            {
                missing.Add(Key + name);
            }
        }
        Need(!string.IsNullOrWhiteSpace(model.Input), "Input");
        Need(!string.IsNullOrWhiteSpace(model.Layout), "Layout");
        Need(model.Size is not null, "Size");
        Need(!string.IsNullOrWhiteSpace(model.ChannelOrder), "ChannelOrder");
        Need(model.Scale is not null, "Scale");
        Need(!string.IsNullOrWhiteSpace(model.Mean), "Mean");
        Need(!string.IsNullOrWhiteSpace(model.Std), "Std");
        Need(!string.IsNullOrWhiteSpace(model.Resize), "Resize");
        Need(model.CropFraction is not null || !string.Equals(model.Resize?.Trim(), "crop", StringComparison.OrdinalIgnoreCase), "CropFraction");
        return missing;
    }

    public static string UndeclaredSentence(string path, IReadOnlyList<string> missing) =>
        $"--model {path} does not declare how its input is made: declare {string.Join(", ", missing)} "
        + "(for example --Inference:Model:Mean=0.485,0.456,0.406), or serve it from a model repository with a model.json (--models DIR), since nothing that changes the numbers fed to a model is guessed.";

    /// <summary>The declared values, checked; each wrong one adds a sentence. Shared settings are filled in by the caller.</summary>
    public static InferenceSettings Read(InferenceModelOptions model, List<string> problems)
    {
        var resize = model.Resize is { } r ? SettingRules.Choice(r, Key + "Resize", problems, SettingRules.Resizes) : ResizeMode.Stretch;
        var settings = new InferenceSettings
        {
            Name = string.Empty,
            ModelPath = string.Empty,
            Names = SettingNames.Keys,
            LabelsPath = string.IsNullOrWhiteSpace(model.Labels) ? null : model.Labels,
            InputName = model.Input?.Trim() ?? string.Empty,
            OutputName = string.IsNullOrWhiteSpace(model.Output) ? null : model.Output.Trim(),
            Layout = model.Layout is { } l ? SettingRules.Choice(l, Key + "Layout", problems, SettingRules.Layouts) : TensorLayout.Nchw,
            Size = model.Size ?? 0,
            ChannelOrder = model.ChannelOrder is { } c ? SettingRules.Choice(c, Key + "ChannelOrder", problems, SettingRules.ChannelOrders) : ChannelOrder.Rgb,
            Scale = (float)(model.Scale ?? 1),
            Mean = model.Mean is { } m ? SettingRules.PerChannel(m, Key + "Mean", problems, allowZero: true) : [0, 0, 0],
            Std = model.Std is { } s ? SettingRules.PerChannel(s, Key + "Std", problems, allowZero: false) : [1, 1, 1],
            Resize = resize,
            CropFraction = resize == ResizeMode.Crop ? (float)(model.CropFraction ?? 1) : 1,
            Softmax = SettingRules.Choice(model.Softmax ?? "auto", Key + "Softmax", problems, SettingRules.Softmaxes),
            Session = new OrtSessionSettings(1, 99, false),
        };
        if (model.Size is < 1 or > 4096)
        {
            problems.Add($"{Key}Size is {model.Size}; give the side of the model's square input in pixels, from 1 to 4096.");
        }
        if (model.Scale is { } scale && (!double.IsFinite(scale) || scale <= 0))
        {
            problems.Add($"{Key}Scale is {scale.ToString(CultureInfo.InvariantCulture)}; it must be a positive number (1/255 ≈ 0.00392 maps 0–255 to 0–1).");
        }
        if (model.CropFraction is { } fraction)
        {
            if (resize != ResizeMode.Crop)
            {
                problems.Add($"{Key}CropFraction is set, but it only applies to {Key}Resize=crop; remove it or resize by crop.");
            }
            else if (!double.IsFinite(fraction) || fraction is < 0.1 or > 1)
            {
                problems.Add($"{Key}CropFraction is {fraction.ToString(CultureInfo.InvariantCulture)}; it must be from 0.1 to 1 (0.875 crops 224 out of 256).");
            }
        }
        return settings;
    }
}
