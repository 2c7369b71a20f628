namespace ActorQueue.Imaging.Thumbnails;

/// <summary>The image formats image jobs read and write.</summary>
internal enum ImageFormat
{
    Jpeg,
    Png,
    Webp,
}

internal static class ImageFormats
{
    public const string Supported = "jpeg, png or webp";

    public static string Name(this ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "jpeg",
        ImageFormat.Png => "png",
        _ => "webp",
    };

    public static string ContentType(this ImageFormat format) => "image/" + format.Name();

    /// <summary>The usual file extension, without the dot.</summary>
    public static string Extension(this ImageFormat format) => format == ImageFormat.Jpeg ? "jpg" : format.Name();

    /// <summary>Whether the encoder takes a quality (<c>Q</c>); PNG is lossless.</summary>
    public static bool HasQuality(this ImageFormat format) => format != ImageFormat.Png;

    public static bool TryParse(string? text, out ImageFormat format) => Names.TryGetValue(text?.Trim() ?? "", out format);

    private static readonly Dictionary<string, ImageFormat> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jpeg"] = ImageFormat.Jpeg,
        ["jpg"] = ImageFormat.Jpeg,
        ["png"] = ImageFormat.Png,
        ["webp"] = ImageFormat.Webp,
    };
}
