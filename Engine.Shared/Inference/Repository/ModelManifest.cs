using static ActorQueue.Inference.Repository.ManifestFields;

namespace ActorQueue.Inference.Repository;

/// <summary>
/// One model of the repository: <c>DIR/NAME/model.onnx</c> described by <c>DIR/NAME/model.json</c>. Every
/// field that changes the numbers fed to the model is required (input, layout, size, channelOrder, scale,
/// mean, std, resize and, for a crop, cropFraction); labels, output, softmax and batching are optional.
/// </summary>
internal static class ModelManifest
{
    public const string FileName = "model.json";
    public const string ModelFile = "model.onnx";

    /// <summary>The model's settings, or <see cref="ModelRefusedException"/> with the one sentence that says what to fix.</summary>
    public static InferenceSettings Load(string folder, string name, SharedSettings shared)
    {
        var modelPath = Path.Combine(folder, ModelFile);
        var manifestPath = Path.Combine(folder, FileName);
        if (!File.Exists(modelPath))
        {
            throw new ModelRefusedException($"Model '{name}': {folder} has no {ModelFile}; put the model there, or remove the folder.");
        }
        if (!File.Exists(manifestPath))
        {
            throw new ModelRefusedException(
                $"Model '{name}': {folder} has no {FileName}; write one that declares the model's input and preprocessing (input, layout, size, channelOrder, scale, mean, std, resize), since nothing is guessed.");
        }
        var manifest = ManifestReader.Parse(name, File.ReadAllText(manifestPath));
        return Read(manifest, folder, name, modelPath, shared);
    }

    private static InferenceSettings Read(ManifestReader manifest, string folder, string name, string modelPath, SharedSettings shared)
    {
        var input = manifest.RequiredString(Input);
        var layout = manifest.Choice(Layout, SettingRules.Layouts);
        var size = (int)manifest.Number(Size, manifest.Required(Size), 1, 4096, integer: true);
        var channelOrder = manifest.Choice(ManifestFields.ChannelOrder, SettingRules.ChannelOrders);
        var scale = (float)manifest.Number(Scale, manifest.Required(Scale), 0, double.MaxValue, exclusiveMin: true);
        var mean = manifest.PerChannel(Mean, positive: false);
        var std = manifest.PerChannel(Std, positive: true);
        var resize = manifest.Choice(Resize, SettingRules.Resizes);
        var crop = 1f;
        if (resize == ResizeMode.Crop)
        {
            crop = (float)manifest.Number(CropFraction, manifest.Required(CropFraction), 0.1, 1);
        }
        else if (manifest.Has(CropFraction))
        {
            throw new ModelRefusedException($"Model '{name}': model.json declares \"cropFraction\" with \"resize\": \"stretch\"; remove it, or declare \"resize\": \"crop\".");
        }
        var labels = manifest.OptionalString(Labels) is { } file ? Path.Combine(folder, file) : null;
        if (labels is not null && !File.Exists(labels))
        {
            throw new ModelRefusedException(
                $"Model '{name}': model.json declares \"labels\": \"{manifest.OptionalString(Labels)}\", but {labels} does not exist; add the file or remove \"labels\".");
        }
        var (maxBatch, maxDelay) = manifest.Batching();
        return new InferenceSettings
        {
            Name = name,
            ModelPath = modelPath,
            LabelsPath = labels,
            Names = SettingNames.Manifest,
            InputName = input,
            OutputName = manifest.OptionalString(Output),
            Layout = layout,
            Size = size,
            ChannelOrder = channelOrder,
            Scale = scale,
            Mean = mean,
            Std = std,
            Resize = resize,
            CropFraction = crop,
            Softmax = manifest.OptionalChoice(Softmax, SettingRules.Softmaxes) ?? SoftmaxMode.Auto,
            MaxBatch = maxBatch is { } b ? (int)manifest.Number(ManifestFields.Batching + "." + MaxBatch, b, 1, 1024, integer: true) : shared.MaxBatch,
            MaxDelay = maxDelay is { } d ? TimeSpan.FromMilliseconds(manifest.Number(ManifestFields.Batching + "." + MaxDelayMs, d, 0, 60_000)) : shared.MaxDelay,
            Actors = shared.Actors,
            Session = shared.Session,
        };
    }
}
