using ActorQueue.Imaging.Libvips;
using ActorQueue.Imaging.Thumbnails;

namespace ActorQueue.Tests.Imaging;

/// <summary>An output decoded again, to check what a user would see: format, size, metadata and pixels.</summary>
internal sealed class DecodedImage
{
    private readonly byte[] _pixels;

    private DecodedImage(ImageFormat format, int width, int height, int bands, IReadOnlyList<string> fields, byte[] pixels)
    {
        Format = format;
        Width = width;
        Height = height;
        Bands = bands;
        Fields = fields;
        _pixels = pixels;
    }

    public ImageFormat Format { get; }
    public int Width { get; }
    public int Height { get; }
    public int Bands { get; }

    /// <summary>Every metadata field the decoder found (EXIF, XMP and ICC show up as <c>exif-data</c>, <c>xmp-data</c>, <c>icc-profile-data</c>).</summary>
    public IReadOnlyList<string> Fields { get; }

    public static DecodedImage From(byte[] data)
    {
        var format = ImageSniffer.Sniff(data);
        LibvipsRuntime.EnsureInitialized();
        using var image = VipsCodecs.Load(format, data);
        return new DecodedImage(format, image.Width, image.Height, image.Bands, image.GetFields(), image.WriteToMemory<byte>());
    }

    /// <summary>The bands of the pixel at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public byte[] Pixel(int x, int y) => _pixels.AsSpan(((y * Width) + x) * Bands, Bands).ToArray();

    /// <summary>Mean absolute difference per band between two decoded images of the same size, 0–255.</summary>
    public double MeanDifference(DecodedImage other)
    {
        Assert.Equal((Width, Height, Bands), (other.Width, other.Height, other.Bands));
        long sum = 0;
        for (var i = 0; i < _pixels.Length; i++)
        {
            sum += Math.Abs(_pixels[i] - other._pixels[i]);
        }
        return (double)sum / _pixels.Length;
    }

    /// <summary>The fraction of pixels that are flat grey (all bands within 12 of 128).</summary>
    public double GreyFraction()
    {
        var grey = 0;
        for (var i = 0; i + 2 < _pixels.Length; i += Bands)
        {
            if (Math.Abs(_pixels[i] - 128) < 12 && Math.Abs(_pixels[i + 1] - 128) < 12 && Math.Abs(_pixels[i + 2] - 128) < 12)
            {
                grey++;
            }
        }
        return (double)grey / (_pixels.Length / Bands);
    }
}
