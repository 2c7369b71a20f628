using ActorQueue.Inference.Model;

namespace ActorQueue.Inference.Preprocessing;

/// <summary>
/// How an image becomes one input of the loaded model: the square size and how to get there (crop or
/// stretch), then each 0–255 value of each channel as <c>(pixel × Scale − Mean) / Std</c>, written in the
/// model's layout (NCHW or NHWC) and channel order (RGB or BGR). The per-channel arithmetic is done once,
/// here, as a 256-entry table per channel.
/// </summary>
internal sealed class PreprocessSpec
{
    private const int Channels = ModelSignature.Channels;

    // _table[c * 256 + p]: the tensor value of pixel value p in the model's channel c.
    private readonly float[] _table;

    // _source[c]: which band of the decoded RGB pixels feeds the model's channel c.
    private readonly int[] _source;

    private PreprocessSpec(int size, TensorLayout layout, ResizeMode resize, int resizeSide, float[] table, int[] source)
    {
        Size = size;
        Layout = layout;
        Resize = resize;
        ResizeSide = resizeSide;
        _table = table;
        _source = source;
    }

    /// <summary>The square side of the model's input, in pixels.</summary>
    public int Size { get; }

    public TensorLayout Layout { get; }

    public ResizeMode Resize { get; }

    /// <summary>The square the image is first brought to: with <see cref="ResizeMode.Crop"/>, Size / CropFraction (256 for 224); else Size.</summary>
    public int ResizeSide { get; }

    /// <summary>Floats in one image's tensor.</summary>
    public int ItemLength => Channels * Size * Size;

    public static PreprocessSpec From(InferenceSettings settings, ModelSignature signature)
    {
        var table = new float[Channels * 256];
        for (var channel = 0; channel < Channels; channel++)
        {
            for (var pixel = 0; pixel < 256; pixel++)
            {
                table[(channel * 256) + pixel] = ((pixel * settings.Scale) - settings.Mean[channel]) / settings.Std[channel];
            }
        }
        int[] source = settings.ChannelOrder == ChannelOrder.Bgr ? [2, 1, 0] : [0, 1, 2];
        var side = settings.Resize == ResizeMode.Crop
            ? Math.Max(signature.Size, (int)Math.Round(signature.Size / settings.CropFraction))
            : signature.Size;
        return new PreprocessSpec(signature.Size, signature.Layout, settings.Resize, side, table, source);
    }

    /// <summary>
    /// One tensor from <see cref="Size"/> × <see cref="Size"/> pixels of interleaved 8-bit R, G, B (row by row),
    /// in the model's layout and channel order.
    /// </summary>
    public float[] ToTensor(ReadOnlySpan<byte> rgb)
    {
        var plane = Size * Size;
        if (rgb.Length != plane * Channels)
        {
            throw new ArgumentException($"{Size}×{Size} RGB pixels are {plane * Channels} bytes, not {rgb.Length}.", nameof(rgb));
        }
        var tensor = GC.AllocateUninitializedArray<float>(plane * Channels); // every element is written below
        var table = _table.AsSpan();
        for (var channel = 0; channel < Channels; channel++)
        {
            var values = table.Slice(channel * 256, 256);
            var band = _source[channel];
            for (var i = 0; i < plane; i++)
            {
                var value = values[rgb[(i * Channels) + band]];
                tensor[Layout == TensorLayout.Nchw ? (channel * plane) + i : (i * Channels) + channel] = value;
            }
        }
        return tensor;
    }
}
