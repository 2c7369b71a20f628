using System.Buffers.Binary;
using System.IO.Compression;
using ActorQueue.Imaging.Libvips;
using ActorQueue.Imaging.Thumbnails;
using NetVips;

namespace ActorQueue.Tests.Imaging;

/// <summary>
/// Real images made by the tests themselves with libvips (through NetVips), and hand-made
/// bad ones: truncated and corrupt files, other formats, and files whose header claims a huge size.
/// </summary>
internal static class TestImages
{
    /// <summary>
    /// A gradient: red grows from left to right, green from top to bottom, blue is 128 (alpha, when asked,
    /// is 0 on the left half and 255 on the right). With <paramref name="orientation"/> the file carries that
    /// EXIF orientation, so a viewer shows it rotated.
    /// </summary>
    public static byte[] Gradient(int width, int height, ImageFormat format = ImageFormat.Jpeg, int? orientation = null, bool alpha = false)
    {
        using var image = GradientImage(width, height, alpha);
        if (orientation is { } value)
        {
            using var oriented = WithOrientation(image, value);
            return Encode(oriented, format);
        }
        return Encode(image, format);
    }

    /// <summary>The same pixels with an EXIF orientation, which a viewer applies when it shows the image.</summary>
    public static Image WithOrientation(Image image, int orientation) =>
        image.Mutate(mutable => mutable.Set(GValue.GIntType, "orientation", orientation));

    /// <summary>
    /// A gradient that carries every kind of metadata <paramref name="format"/> can hold: EXIF (with an
    /// orientation), XMP, an ICC profile and, in a JPEG, IPTC.
    /// </summary>
    public static byte[] WithAllMetadata(int width, int height, ImageFormat format)
    {
        using var image = GradientImage(width, height);
        using var profiled = image.IccTransform("srgb", inputProfile: "srgb"); // attaches the sRGB profile
        using var tagged = profiled.Mutate(mutable =>
        {
            mutable.Set(GValue.GIntType, "orientation", 1);
            mutable.Set(GValue.BlobType, "xmp-data", """<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>"""u8.ToArray());
            // An IPTC-IIM record in a Photoshop resource block: 2:120 (caption) = "test".
            mutable.Set(GValue.BlobType, "iptc-data", (byte[])[.. "Photoshop 3.0\08BIM"u8, 0x04, 0x04, 0, 0, 0, 0, 0, 9, 0x1C, 0x02, 0x78, 0, 4, .. "test"u8, 0]);
        });
        return Encode(tagged, format);
    }

    public static Image GradientImage(int width, int height, bool alpha = false)
    {
        var bands = alpha ? 4 : 3;
        var pixels = new byte[width * height * bands];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * bands;
                pixels[i] = (byte)(x * 255 / Math.Max(1, width - 1));
                pixels[i + 1] = (byte)(y * 255 / Math.Max(1, height - 1));
                pixels[i + 2] = 128;
                if (alpha)
                {
                    pixels[i + 3] = (byte)(x < width / 2 ? 0 : 255);
                }
            }
        }
        return Pixels(pixels, width, height, bands);
    }

    /// <summary>An 8-bit image of <paramref name="bands"/> bands from interleaved pixels (copied).</summary>
    public static Image Pixels(byte[] pixels, int width, int height, int bands)
    {
        LibvipsRuntime.EnsureInitialized();
        return Image.NewFromMemoryCopy<byte>(pixels, width, height, bands, Enums.BandFormat.Uchar);
    }

    /// <summary>
    /// A wide picture whose left part is flat grey and whose right part (the last quarter of the width) is a busy
    /// red and blue checkerboard: what an attention crop should keep.
    /// </summary>
    public static byte[] FlatLeftBusyRight(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 3;
                var busy = x >= width * 3 / 4;
                var red = ((x / 8) + (y / 8)) % 2 == 0;
                pixels[i] = (byte)(busy ? (red ? 230 : 20) : 128);
                pixels[i + 1] = (byte)(busy ? 20 : 128);
                pixels[i + 2] = (byte)(busy ? (red ? 20 : 230) : 128);
            }
        }
        using var image = Pixels(pixels, width, height, 3);
        return Encode(image, ImageFormat.Png);
    }

    /// <summary>
    /// A JPEG with detail at every scale, like a photo: rings whose spacing shrinks towards the edges over the
    /// gradient, so a scaled decode that lost or aliased fine detail would show.
    /// </summary>
    public static byte[] Detailed(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 3;
                double dx = x - (width / 2.0), dy = y - (height / 2.0);
                var ring = 0.5 + (0.5 * Math.Sin(((dx * dx) + (dy * dy)) / (width * 4.0)));
                pixels[i] = (byte)(x * 255 / (width - 1));
                pixels[i + 1] = (byte)(ring * 255);
                pixels[i + 2] = (byte)(y * 255 / (height - 1));
            }
        }
        using var image = Pixels(pixels, width, height, 3);
        return Encode(image, ImageFormat.Jpeg);
    }

    /// <summary>Encodes with metadata kept (EXIF orientation included), unlike the engine's outputs.</summary>
    public static byte[] Encode(Image image, ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => image.JpegsaveBuffer(q: 90),
        ImageFormat.Png => image.PngsaveBuffer(),
        _ => image.WebpsaveBuffer(q: 90),
    };

    /// <summary>A real GIF: libvips can write it, but the engine refuses to read it.</summary>
    public static byte[] Gif(int width, int height)
    {
        using var image = GradientImage(width, height);
        return image.GifsaveBuffer();
    }

    /// <summary>A real TIFF: libvips can write it, but the engine refuses to read it.</summary>
    public static byte[] Tiff(int width, int height)
    {
        using var image = GradientImage(width, height);
        return image.TiffsaveBuffer();
    }

    /// <summary>A 2×2 24-bit BMP, written by hand.</summary>
    public static byte[] Bmp()
    {
        var bytes = new byte[54 + 16];
        "BM"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), 2);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), 2);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(28), 24);
        return bytes;
    }

    public static byte[] Svg() =>
        """<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"><rect width="10" height="10"/></svg>"""u8.ToArray();

    /// <summary>The first <paramref name="fraction"/> of <paramref name="data"/>, as an interrupted upload leaves it.</summary>
    public static byte[] Truncated(byte[] data, double fraction) => data[..(int)(data.Length * fraction)];

    /// <summary>
    /// A valid PNG of one colour whose pixels compress to almost nothing: a real decompression bomb.
    /// <paramref name="width"/> × <paramref name="height"/> one-band pixels become a file of a few hundred KB.
    /// </summary>
    public static byte[] SolidPng(int width, int height)
    {
        LibvipsRuntime.EnsureInitialized();
        using var image = Image.Black(width, height);
        return image.PngsaveBuffer(compression: 9);
    }

    /// <summary>
    /// A tiny PNG whose header (IHDR) claims <paramref name="width"/> × <paramref name="height"/> RGB pixels,
    /// with checksums right, followed by one small compressed row and the end chunk.
    /// </summary>
    public static byte[] PngClaiming(int width, int height)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB
        WriteChunk(output, "IHDR"u8, header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(new byte[1 + 3 * Math.Min(width, 1024)]);
            }
            WriteChunk(output, "IDAT"u8, compressed.ToArray());
        }
        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    /// <summary>A valid PNG whose image data chunk has a wrong checksum: corrupt past the header.</summary>
    public static byte[] PngWithCorruptData(int width, int height)
    {
        var png = Gradient(width, height, ImageFormat.Png);
        var idat = png.AsSpan().IndexOf("IDAT"u8);
        var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(idat - 4));
        var corrupt = png.ToArray();
        for (var i = idat + 4 + (length / 2); i < idat + 4 + length; i += 7)
        {
            corrupt[i] ^= 0x5A;
        }
        return corrupt;
    }

    /// <summary>A small real JPEG whose frame header (SOF) is patched to claim <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static byte[] JpegClaiming(int width, int height)
    {
        var jpeg = Gradient(64, 64);
        for (var i = 2; i + 9 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC1 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 7), (ushort)width);
                return jpeg;
            }
        }
        throw new InvalidOperationException("the JPEG has no frame header");
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var typed = new byte[4 + data.Length];
        type.CopyTo(typed);
        data.CopyTo(typed.AsSpan(4));
        output.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        output.Write(word);
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
