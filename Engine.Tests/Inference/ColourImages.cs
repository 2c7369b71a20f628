using ActorQueue.Imaging.Thumbnails;
using ActorQueue.Tests.Imaging;
using NetVips;

namespace ActorQueue.Tests.Inference;

/// <summary>
/// Images for the colour classifier, made by the tests with libvips (through NetVips): solid
/// colours in every format, grey, 16-bit, transparent, sideways, and mixtures of known proportions.
/// </summary>
internal static class ColourImages
{
    public static readonly (byte R, byte G, byte B) Red = (230, 10, 10);
    public static readonly (byte R, byte G, byte B) Green = (10, 230, 10);
    public static readonly (byte R, byte G, byte B) Blue = (10, 10, 230);
    public static readonly (byte R, byte G, byte B) White = (255, 255, 255);

    /// <summary>A <paramref name="width"/> × <paramref name="height"/> image of one colour.</summary>
    public static byte[] Solid((byte R, byte G, byte B) colour, ImageFormat format = ImageFormat.Png, int width = 40, int height = 30) =>
        Paint(width, height, 3, (_, _) => [colour.R, colour.G, colour.B], format);

    /// <summary>A one-band grey image.</summary>
    public static byte[] Grey(byte value, ImageFormat format = ImageFormat.Png) => Paint(40, 30, 1, (_, _) => [value], format);

    /// <summary>
    /// Pixels of <paramref name="bands"/> bands from <paramref name="pixel"/>(x, y), encoded as <paramref name="format"/>.
    /// </summary>
    public static byte[] Paint(int width, int height, int bands, Func<int, int, byte[]> pixel, ImageFormat format = ImageFormat.Png)
    {
        var pixels = new byte[width * height * bands];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixel(x, y).CopyTo(pixels, ((y * width) + x) * bands);
            }
        }
        using var image = TestImages.Pixels(pixels, width, height, bands);
        return TestImages.Encode(image, format);
    }

    /// <summary>A 16-bit RGB PNG of one colour (each 8-bit value v stored as v × 256).</summary>
    public static byte[] Png16((byte R, byte G, byte B) colour)
    {
        using var image = TestImages.Pixels(Enumerable.Repeat<byte[]>([colour.R, colour.G, colour.B], 40 * 30).SelectMany(p => p).ToArray(), 40, 30, 3);
        using var wide = image.Cast(Enums.BandFormat.Ushort, shift: true);
        using var rgb16 = wide.Copy(interpretation: Enums.Interpretation.Rgb16);
        return rgb16.PngsaveBuffer(bitdepth: 16);
    }

    /// <summary>A JPEG stored <paramref name="width"/> × <paramref name="height"/> with an EXIF orientation that shows it rotated.</summary>
    public static byte[] WithOrientation(int width, int height, Func<int, int, byte[]> pixel, int orientation)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixel(x, y).CopyTo(pixels, ((y * width) + x) * 3);
            }
        }
        using var image = TestImages.Pixels(pixels, width, height, 3);
        using var oriented = TestImages.WithOrientation(image, orientation);
        return TestImages.Encode(oriented, ImageFormat.Jpeg);
    }
}
