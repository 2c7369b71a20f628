namespace ActorQueue.Imaging.Thumbnails;

/// <summary>
/// How a thumbnail fits its size: <see cref="None"/> keeps the aspect ratio (the size is the width);
/// the others fill a square of the size and cut off the rest — around the centre, or around what
/// libvips' attention strategy finds most interesting (edges, skin tones, saturated colour).
/// </summary>
internal enum ThumbnailCrop
{
    None,
    Centre,
    Attention,
}

internal static class ThumbnailCrops
{
    public const string Supported = "none, centre or attention";

    /// <summary>The nick of libvips' <c>VipsInteresting</c> enum.</summary>
    public static string Name(this ThumbnailCrop crop) => crop switch
    {
        ThumbnailCrop.None => "none",
        ThumbnailCrop.Centre => "centre",
        _ => "attention",
    };

    public static bool TryParse(string? text, out ThumbnailCrop crop) => Names.TryGetValue(text?.Trim() ?? "", out crop);

    private static readonly Dictionary<string, ThumbnailCrop> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = ThumbnailCrop.None,
        ["centre"] = ThumbnailCrop.Centre,
        ["center"] = ThumbnailCrop.Centre,
        ["attention"] = ThumbnailCrop.Attention,
    };
}
