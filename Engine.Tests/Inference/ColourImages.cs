using ActorQueue.Imaging.Thumbnails;
using ActorQueue.Imaging.Vips;
using ActorQueue.Tests.Imaging;

namespace ActorQueue.Tests.Inference;

/// <summary>
/// Images for the colour classifier, made by the tests with libvips (through the engine's binding): solid
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
        using var image = VipsImage.FromPixels(pixels, width, height, bands);
        return TestImages.Encode(image, format);
    }

    /// <summary>A 16-bit RGB PNG of one colour (each 8-bit value v stored as v × 256).</summary>
    public static byte[] Png16((byte R, byte G, byte B) colour)
    {
        using var image = VipsImage.FromPixels(Enumerable.Repeat<byte[]>([colour.R, colour.G, colour.B], 40 * 30).SelectMany(p => p).ToArray(), 40, 30, 3);
        using var cast = VipsOperation.Create("cast");
        using var wide = cast.Set("in", image).Set("format", "ushort").Set("shift", true).Build().GetImage("out");
        using var copy = VipsOperation.Create("copy");
        using var rgb16 = copy.Set("in", wide).Set("interpretation", "rgb16").Build().GetImage("out");
        using var save = VipsOperation.Create("pngsave_buffer");
        return save.Set("in", rgb16).Set("bitdepth", 16).Build().GetBytes("buffer");
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
        using var image = VipsImage.FromPixels(pixels, width, height, 3);
        image.SetInt("orientation", orientation);
        return TestImages.Encode(image, ImageFormat.Jpeg);
    }
}
