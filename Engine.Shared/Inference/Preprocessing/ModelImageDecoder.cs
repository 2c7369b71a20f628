using ActorQueue.Imaging.Libvips;
using NetVips;

namespace ActorQueue.Inference.Preprocessing;

/// <summary>
/// Decodes an image to exactly Size × Size pixels of 8-bit sRGB with libvips:
/// <list type="bullet">
/// <item><c>thumbnail_buffer</c> decodes with shrink-on-load (a large JPEG is decoded at 1/2, 1/4 or 1/8 scale
/// when that still leaves enough pixels), applies the EXIF orientation, and resizes: for <c>crop</c> the
/// shorter side to <see cref="PreprocessSpec.ResizeSide"/> with a centre crop to a square, small images
/// enlarged; for <c>stretch</c> straight to Size × Size. Truncated input fails (<c>fail_on=truncated</c>, as
/// the loader's option string) instead of decoding as grey.</item>
/// <item>The centre Size × Size of that square (the ImageNet crop, e.g. 224 of 256).</item>
/// <item>To sRGB (grey becomes three equal bands, 16-bit becomes 8-bit), alpha flattened onto white, and
/// any band past the third dropped.</item>
/// </list>
/// libvips is lazy: the pixels are computed once, when they are written to memory at the end, which
/// cancellation kills at its next tile.
/// </summary>
internal static class ModelImageDecoder
{
    private static readonly double[] White = [255, 255, 255];

    /// <summary>Interleaved R, G, B bytes, row by row; <see cref="VipsException"/> when libvips fails.</summary>
    public static byte[] Decode(byte[] input, PreprocessSpec spec, CancellationToken cancellationToken)
    {
        var crop = spec.Resize == ResizeMode.Crop;
        using var resized = Image.ThumbnailBuffer(input, spec.ResizeSide, "fail_on=truncated", spec.ResizeSide,
            crop ? Enums.Size.Both : Enums.Size.Force, crop: crop ? Enums.Interesting.Centre : null);
        using var square = resized.Width > spec.Size || resized.Height > spec.Size
            ? resized.ExtractArea((resized.Width - spec.Size) / 2, (resized.Height - spec.Size) / 2, spec.Size, spec.Size)
            : null;
        using var srgb = (square ?? resized).Colourspace(Enums.Interpretation.Srgb);
        using var flat = srgb.HasAlpha() ? srgb.Flatten(White) : null;
        using var bytes = (flat ?? srgb).Format == Enums.BandFormat.Uchar ? null : (flat ?? srgb).Cast(Enums.BandFormat.Uchar);
        var full = bytes ?? flat ?? srgb;
        using var rgb = full.Bands > 3 ? full.ExtractBand(0, 3) : null;
        var image = rgb ?? full;
        if (image.Width != spec.Size || image.Height != spec.Size || image.Bands != 3)
        {
            throw new InvalidOperationException($"The decoder made a {image.Width}×{image.Height}×{image.Bands} image, not {spec.Size}×{spec.Size}×3.");
        }
        using (image.KillOn(cancellationToken))
        {
            return image.WriteToMemory<byte>();
        }
    }
}
