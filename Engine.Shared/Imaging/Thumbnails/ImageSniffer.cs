namespace ActorQueue.Imaging.Thumbnails;

/// <summary>
/// Tells the format from the first bytes (the "magic numbers"), never from a name or a content type, so a
/// GIF sent as <c>image/jpeg</c> is still a GIF. Other common image formats are named in the refusal, so
/// the user learns what they sent.
/// </summary>
internal static class ImageSniffer
{
    private static readonly (byte[] Magic, int Offset, string Name)[] Unsupported =
    [
        ("GIF8"u8.ToArray(), 0, "GIF"),
        ("BM"u8.ToArray(), 0, "BMP"),
        ([0x49, 0x49, 0x2A, 0x00], 0, "TIFF"),
        ([0x4D, 0x4D, 0x00, 0x2A], 0, "TIFF"),
        ("%PDF"u8.ToArray(), 0, "PDF"),
        ("8BPS"u8.ToArray(), 0, "Photoshop (PSD)"),
        ([0x00, 0x00, 0x01, 0x00], 0, "ICO"),
        ([0xFF, 0x0A], 0, "JPEG XL"),
        ("JXL "u8.ToArray(), 4, "JPEG XL"),
        ("ftypavif"u8.ToArray(), 4, "AVIF"),
        ("ftypheic"u8.ToArray(), 4, "HEIC"),
        ("ftypheix"u8.ToArray(), 4, "HEIC"),
        ("ftypmif1"u8.ToArray(), 4, "HEIF"),
        ("ftyp"u8.ToArray(), 4, "an ISO media file (HEIF, AVIF or video)"),
    ];

    /// <summary>The format of <paramref name="data"/>; <see cref="ImageInputException"/> for anything else.</summary>
    public static ImageFormat Sniff(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            throw new ImageInputException("The image is empty (0 bytes).");
        }
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return ImageFormat.Jpeg;
        }
        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ImageFormat.Png;
        }
        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageFormat.Webp;
        }
        foreach (var (magic, offset, name) in Unsupported)
        {
            if (data.Length >= offset + magic.Length && data.Slice(offset, magic.Length).SequenceEqual(magic))
            {
                throw Refuse(name);
            }
        }
        if (LooksLikeMarkup(data))
        {
            throw Refuse("SVG or other XML/HTML text");
        }
        throw new ImageInputException($"The data is not an image: its first bytes match no known image format. Send {ImageFormats.Supported}.");
    }

    private static ImageInputException Refuse(string name) =>
        new($"Unsupported image format: {name}. Image jobs take {ImageFormats.Supported}.");

    private static bool LooksLikeMarkup(ReadOnlySpan<byte> data)
    {
        var start = data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? data[3..] : data; // UTF-8 BOM
        var trimmed = start[..Math.Min(start.Length, 512)].TrimStart(" \t\r\n"u8);
        return trimmed.Length > 0 && trimmed[0] == (byte)'<';
    }
}
