using ActorQueue.Imaging.Interop;

namespace ActorQueue.Imaging.Vips;

/// <summary>
/// Image-to-image libvips operations as extension methods. Each runs one operation on
/// <see cref="VipsOperation"/> and returns its output, a new lazy image that the caller disposes; the
/// input is left as it was. Argument names are libvips' own (<c>vips extract_area</c> prints them).
/// </summary>
internal static class VipsImageOperations
{
    // VipsBandFormat VIPS_FORMAT_UCHAR
    private const int FormatUChar = 0;

    /// <summary>True for 8 bits per band (unsigned char), what most savers and the inference tensors want.</summary>
    public static bool IsUChar(this VipsImage image) => VipsImageApi.GetFormat(image.Handle) == FormatUChar;

    /// <summary><c>colourspace</c>: to <paramref name="space"/> (a <c>VipsInterpretation</c> nick such as <c>srgb</c>); extra bands such as alpha are kept.</summary>
    public static VipsImage Colourspace(this VipsImage image, string space) =>
        Run("colourspace", "in", image, operation => operation.Set("space", space));

    /// <summary><c>flatten</c>: blends the alpha band onto <paramref name="background"/> (one value per band) and drops it.</summary>
    public static VipsImage Flatten(this VipsImage image, double[] background) =>
        Run("flatten", "in", image, operation => operation.Set("background", background));

    /// <summary><c>cast</c>: to band format <paramref name="format"/> (a <c>VipsBandFormat</c> nick such as <c>uchar</c>), values clipped.</summary>
    public static VipsImage Cast(this VipsImage image, string format) =>
        Run("cast", "in", image, operation => operation.Set("format", format));

    /// <summary><c>extract_area</c>: the <paramref name="width"/> × <paramref name="height"/> rectangle at (<paramref name="left"/>, <paramref name="top"/>).</summary>
    public static VipsImage ExtractArea(this VipsImage image, int left, int top, int width, int height) =>
        Run("extract_area", "input", image, operation => operation.Set("left", left).Set("top", top).Set("width", width).Set("height", height));

    /// <summary><c>extract_band</c>: <paramref name="count"/> bands from band <paramref name="first"/> on.</summary>
    public static VipsImage ExtractBands(this VipsImage image, int first, int count) =>
        Run("extract_band", "in", image, operation => operation.Set("band", first).Set("n", count));

    private static VipsImage Run(string name, string input, VipsImage image, Action<VipsOperation> configure)
    {
        using var operation = VipsOperation.Create(name);
        operation.Set(input, image);
        configure(operation);
        return operation.Build().GetImage("out");
    }
}
