using ActorQueue.Inference.Interop;

namespace ActorQueue.Inference.Model;

/// <summary>
/// What the batcher and the image pipeline need to know about a loaded classifier: which input to feed
/// in which layout and size, how many items one run may take, and how many classes come out.
/// </summary>
internal sealed record ModelSignature(string InputName, string OutputName, TensorLayout Layout, int Size, int? FixedBatch, int Classes)
{
    public const int Channels = 3;

    /// <summary>Floats in one image's tensor: 3 × Size × Size.</summary>
    public int ItemLength => Channels * Size * Size;

    /// <summary>The input shape for a batch of <paramref name="batch"/> images.</summary>
    public long[] InputShape(int batch) =>
        Layout == TensorLayout.Nchw ? [batch, Channels, Size, Size] : [batch, Size, Size, Channels];
}

/// <summary>The checks that turn a session's input and output descriptions into a <see cref="ModelSignature"/>.</summary>
internal static class ModelSignatureRules
{
    /// <summary>Accepts a float rank-4 image input with 3 channels and a [batch, classes(, 1…)] float output; otherwise throws <see cref="ModelLoadException"/>.</summary>
    public static ModelSignature Validate(string path, IReadOnlyList<OrtTensorInfo> inputs, IReadOnlyList<OrtTensorInfo> outputs,
        string? inputName, string? outputName, TensorLayout layout, int? size)
    {
        var input = PickInput(path, inputs, inputName);
        var output = PickOutput(path, outputs, outputName);
        var (imageSize, fixedBatch) = CheckInput(input, layout, size);
        var classes = CheckOutput(output);
        return new ModelSignature(input.Name, output.Name, layout, imageSize, fixedBatch, classes);
    }

    private static OrtTensorInfo PickInput(string path, IReadOnlyList<OrtTensorInfo> inputs, string? name)
    {
        if (inputs.Count != 1)
        {
            throw new ModelLoadException(
                $"The model {path} has {inputs.Count} inputs ({string.Join(", ", inputs.Select(i => i.Name))}); an image classifier must have exactly one.");
        }
        if (name is not null && inputs[0].Name != name)
        {
            throw new ModelLoadException($"Inference:Model:Input is '{name}', but the model's only input is '{inputs[0].Name}'.");
        }
        return inputs[0];
    }

    private static OrtTensorInfo PickOutput(string path, IReadOnlyList<OrtTensorInfo> outputs, string? name)
    {
        if (outputs.Count == 0)
        {
            throw new ModelLoadException($"The model {path} has no outputs.");
        }
        if (name is null)
        {
            return outputs[0];
        }
        return outputs.FirstOrDefault(o => o.Name == name)
            ?? throw new ModelLoadException($"Inference:Model:Output is '{name}', but the model's outputs are {string.Join(", ", outputs.Select(o => o.Name))}.");
    }

    private static (int Size, int? FixedBatch) CheckInput(OrtTensorInfo input, TensorLayout layout, int? size)
    {
        var expected = layout == TensorLayout.Nchw ? "[batch,3,H,W] (NCHW)" : "[batch,H,W,3] (NHWC)";
        if (!input.IsTensor || input.ElementType != OrtElementType.Float)
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
                ? $"; it looks like {(layout == TensorLayout.Nchw ? "NHWC" : "NCHW")}, so set Inference:Model:Layout accordingly"
                : string.Empty;
            throw new ModelLoadException($"The model's input '{input.Name}' has shape {input.ShapeText}, which is not {expected} with 3 colour channels{hint}.");
        }
        if (height > 0 && width > 0 && height != width)
        {
            throw new ModelLoadException($"The model's input '{input.Name}' has shape {input.ShapeText}; only square images (H = W) are supported.");
        }
        var fixedSize = height > 0 ? height : width > 0 ? width : (long?)null;
        if (fixedSize is { } s && size is { } configured && s != configured)
        {
            throw new ModelLoadException(
                $"The model's input '{input.Name}' takes {s}×{s} images (shape {input.ShapeText}), but Inference:Model:Size is {configured}.");
        }
        var batch = d[0] > 0 ? (int?)d[0] : null;
        return ((int)(fixedSize ?? size ?? 224), batch);
    }

    private static int CheckOutput(OrtTensorInfo output)
    {
        var d = output.Dimensions;
        if (!output.IsTensor || output.ElementType != OrtElementType.Float || d.Length < 2 || d.Skip(2).Any(x => x != 1))
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
