namespace ActorQueue.Imaging.Thumbnails;

/// <summary>
/// How far a JPEG is scaled while it is decoded (libjpeg's DCT scaling: 1/2, 1/4 or 1/8) before the
/// Lanczos 3 reduction to the exact size. libvips' own <c>thumbnail</c> leaves at least a factor of two
/// for the final reduction, so it decodes an 8 MP photo in full for a 1024 px thumbnail. We leave at least
/// <see cref="MinFinalReduction"/>: measured on mug.jpg (3361 px → 1024), decoding at 1/2 halves the
/// decode and the reduction (75 → 48 ms) and changes the output by 0.6 levels in 255 on average against
/// the full decode (bench/RESULTS.md); a test holds it under 2.
/// </summary>
internal static class JpegShrinkOnLoad
{
    public const double MinFinalReduction = 1.5;

    private static readonly int[] Factors = [8, 4, 2];

    /// <summary>The DCT scale denominator for rendering <paramref name="size"/> from this header.</summary>
    public static int For(ImageHeader header, int size, ThumbnailCrop crop)
    {
        // crop none fits the width; the crop modes fill a size × size square, so the shorter side decides.
        var source = crop == ThumbnailCrop.None ? header.DisplayedWidth : Math.Min(header.DisplayedWidth, header.DisplayedHeight);
        var reduction = (double)source / size;
        foreach (var factor in Factors)
        {
            if (reduction / factor >= MinFinalReduction)
            {
                return factor;
            }
        }
        return 1;
    }
}
