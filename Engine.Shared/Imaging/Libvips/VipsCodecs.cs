using ActorQueue.Imaging.Thumbnails;
using NetVips;

namespace ActorQueue.Imaging.Libvips;

/// <summary>The libvips loaders and savers of the three formats image jobs read and write.</summary>
internal static class VipsCodecs
{
    private static readonly double[] White = [255];

    /// <summary>
    /// The format's own buffer loader (never libvips' guess from the bytes): a lazy image whose header is
    /// read and whose pixels are decoded only when something downstream asks for them.
    /// </summary>
    public static Image Load(ImageFormat format, byte[] data) => format switch
    {
        ImageFormat.Jpeg => Image.JpegloadBuffer(data),
        ImageFormat.Png => Image.PngloadBuffer(data),
        _ => Image.WebploadBuffer(data),
    };

    /// <summary>
    /// Encodes without any metadata (<c>keep=none</c>: no EXIF, XMP, IPTC or ICC profile; libvips 8.18's savers,
    /// WebP's included, honour it). <paramref name="quality"/> is ignored for PNG, which is lossless. JPEG has
    /// no alpha: transparency is flattened onto white, not black.
    /// </summary>
    public static byte[] Save(Image image, ImageFormat format, int quality) => format switch
    {
        ImageFormat.Jpeg => image.JpegsaveBuffer(q: quality, keep: Enums.ForeignKeep.None, background: image.HasAlpha() ? White : null),
        ImageFormat.Png => image.PngsaveBuffer(keep: Enums.ForeignKeep.None),
        _ => image.WebpsaveBuffer(q: quality, keep: Enums.ForeignKeep.None),
    };
}
