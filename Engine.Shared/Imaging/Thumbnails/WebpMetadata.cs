using System.Buffers.Binary;

namespace ActorQueue.Imaging.Thumbnails;

/// <summary>
/// Removes the metadata chunks (<c>EXIF</c>, <c>XMP </c>, <c>ICCP</c>) from a WebP file. libvips 8.14's WebP
/// saver writes an EXIF chunk (resolution, orientation) even with <c>strip</c> and with every metadata field
/// removed from the image, so outputs are cleaned here, at the container level: the RIFF chunk list is
/// rewritten without those chunks, their flags in the <c>VP8X</c> header are cleared and the RIFF size fixed.
/// The image data is copied untouched.
/// </summary>
internal static class WebpMetadata
{
    private const byte IccFlag = 0x20;
    private const byte ExifFlag = 0x08;
    private const byte XmpFlag = 0x04;

    public static byte[] Strip(byte[] webp)
    {
        if (webp.Length < 12 || !webp.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !webp.AsSpan(8, 4).SequenceEqual("WEBP"u8))
        {
            return webp;
        }
        using var output = new MemoryStream(webp.Length);
        output.Write(webp, 0, 12);
        var removed = false;
        var position = 12;
        while (position + 8 <= webp.Length)
        {
            var type = webp.AsSpan(position, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(webp.AsSpan(position + 4));
            var chunk = 8 + size + (size & 1); // chunks are padded to an even size
            if (size < 0 || position + chunk > webp.Length)
            {
                return webp; // not a file we understand: leave it alone
            }
            if (type.SequenceEqual("EXIF"u8) || type.SequenceEqual("XMP "u8) || type.SequenceEqual("ICCP"u8))
            {
                removed = true;
            }
            else
            {
                output.Write(webp, position, chunk);
            }
            position += chunk;
        }
        if (!removed)
        {
            return webp;
        }
        var stripped = output.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(stripped.AsSpan(4), stripped.Length - 8);
        if (stripped.AsSpan(12, 4).SequenceEqual("VP8X"u8))
        {
            stripped[20] &= unchecked((byte)~(IccFlag | ExifFlag | XmpFlag));
        }
        return stripped;
    }
}
