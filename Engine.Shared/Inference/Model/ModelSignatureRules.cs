using Microsoft.ML.OnnxRuntime.Tensors;

namespace ActorQueue.Inference.Model;

/// <summary>
/// The checks that turn a session's input and output descriptions into a <see cref="ModelSignature"/>:
/// the declared input must be the model's one float rank-4 image input with 3 channels in the declared
/// layout and of the declared size, and the scores a float [batch, classes(, 1…)] output. Each refusal is
/// one sentence that names the setting to change (<see cref="SettingNames"/>).
/// </summary>
internal static class ModelSignatureRules
{
    /// <summary>Accepts the model or throws <see cref="ModelLoadException"/>.</summary>
    public static ModelSignature Validate(string path, IReadOnlyList<TensorDescription> inputs, IReadOnlyList<TensorDescription> outputs,
        InferenceSettings settings)
    {
        var names = settings.Names;
        var input = PickInput(path, inputs, settings.InputName, names);
        var output = PickOutput(path, outputs, settings.OutputName, names);
        var fixedBatch = CheckInput(input, settings.Layout, settings.Size, names);
        var classes = CheckOutput(output);
        return new ModelSignature(input.Name, output.Name, settings.Layout, settings.Size, fixedBatch, classes, output.Dimensions.Length);
    }

    private static TensorDescription PickInput(string path, IReadOnlyList<TensorDescription> inputs, string name, SettingNames names)
    {
        if (inputs.Count != 1)
        {
            throw new ModelLoadException(
                $"The model {path} has {inputs.Count} inputs ({string.Join(", ", inputs.Select(i => i.Name))}); an image classifier must have exactly one.");
        }
        if (inputs[0].Name != name)
        {
            throw new ModelLoadException($"{names["input"]} is '{name}', but the model's only input is '{inputs[0].Name}'.");
        }
        return inputs[0];
    }

    private static TensorDescription PickOutput(string path, IReadOnlyList<TensorDescription> outputs, string? name, SettingNames names)
    {
        if (outputs.Count == 0)
        {
            throw new ModelLoadException($"The model {path} has no outputs.");
        }
        if (name is null)
        {
            return outputs.Count == 1
                ? outputs[0]
                : throw new ModelLoadException(
                    $"The model has {outputs.Count} outputs ({string.Join(", ", outputs.Select(o => o.Name))}); declare which holds the class scores with {names["output"]}.");
        }
        return outputs.FirstOrDefault(o => o.Name == name)
            ?? throw new ModelLoadException($"{names["output"]} is '{name}', but the model's outputs are {string.Join(", ", outputs.Select(o => o.Name))}.");
    }

    private static int? CheckInput(TensorDescription input, TensorLayout layout, int size, SettingNames names)
    {
        var expected = layout == TensorLayout.Nchw ? "[batch,3,H,W] (NCHW)" : "[batch,H,W,3] (NHWC)";
        if (!input.IsTensor || input.ElementType != TensorElementType.Float)
        {
            var actual = input.IsTensor ? $"a tensor of {input.ElementTypeText}" : "not a tensor";
            throw new ModelLoadException($"The model's input '{input.Name}' is {actual}, but an image classifier needs a float tensor {expected}.");
        }
        var d = input.Dimensions;
        if (d.Length != 4)
        {
            throw new ModelLoadException($"The model's input '{input.Name}' has shape {input.ShapeText}, but an image classifier needs a rank-4 float tensor {expected}.");
        }
        var (channels, height, width) = layout == TensorLayout.Nchw ? (d[1], d[2], d[3]) : (d[3], d[1], d[2]);
        if (channels is > 0 and not ModelSignature.Channels)
        {
            var other = layout == TensorLayout.Nchw ? d[3] : d[1];
            var hint = other == ModelSignature.Channels
                ? $"; it looks like {(layout == TensorLayout.Nchw ? "NHWC" : "NCHW")}, so set {names["layout"]} accordingly"
                : string.Empty;
            throw new ModelLoadException($"The model's input '{input.Name}' has shape {input.ShapeText}, which is not {expected} with 3 colour channels{hint}.");
        }
        if (height > 0 && width > 0 && height != width)
        {
            throw new ModelLoadException($"The model's input '{input.Name}' has shape {input.ShapeText}; only square images (H = W) are supported.");
        }
        var fixedSize = height > 0 ? height : width > 0 ? width : (long?)null;
        if (fixedSize is { } s && s != size)
        {
            throw new ModelLoadException(
                $"The model's input '{input.Name}' takes {s}×{s} images (shape {input.ShapeText}), but {names["size"]} is {size}.");
        }
        return d[0] > 0 ? (int)d[0] : null;
    }

    private static int CheckOutput(TensorDescription output)
    {
        var d = output.Dimensions;
        if (!output.IsTensor || output.ElementType != TensorElementType.Float || d.Length < 2 || d.Skip(2).Any(x => x != 1))
        {
            var actual = output.IsTensor ? $"a tensor of {output.ElementTypeText} with shape {output.ShapeText}" : "not a tensor";
            throw new ModelLoadException(
                $"The model's output '{output.Name}' is {actual}, but a classifier's output must be a float tensor [batch,classes] (trailing dimensions of 1 allowed).");
        }
        if (d[1] < 1)
        {
            throw new ModelLoadException($"The model's output '{output.Name}' has shape {output.ShapeText}; its class dimension must be fixed.");
        }
        return checked((int)d[1]);
    }
}
