using System.Globalization;
using System.Runtime.CompilerServices;
using ActorQueue.Imaging.Libvips;
using ActorQueue.Storage;
using NetVips;

namespace ActorQueue.Imaging.Thumbnails;

/// <summary>
/// The checks an input passes before anything is decoded: the magic bytes name a supported format, its
/// loader can read the header (libvips loaders are lazy: building one reads only the header), and the
/// header's width × height is within <see cref="ImageOptions.MaxPixels"/> — so a small file that claims a
/// huge size (a decompression bomb) is refused without allocating its pixels. The seed runs these at
/// submission and the image actor again before it works.
/// </summary>
internal sealed class ImageInspector(ImageOptions options)
{
    /// <summary>The same checks for an upload still in a request's memory (passed on without a copy when it fills its array).</summary>
    public ImageHeader Inspect(ReadOnlyMemory<byte> data) => Inspect(BlobUploads.WholeArray(data));

    public ImageHeader Inspect(byte[] data)
    {
        var format = ImageSniffer.Sniff(data);
        LibvipsRuntime.EnsureInitialized();
        var header = ReadHeader(format, data);
        if (header.Pixels > options.MaxPixels)
        {
            throw new ImageInputException(string.Create(CultureInfo.InvariantCulture,
                $"The image is {header.Width}×{header.Height} = {header.Pixels / 1e6:0.#} MP, over the limit of {options.MaxPixels / 1e6:0.##} MP ({ImageOptions.Section}:MaxPixels); it is refused before decoding, as a possible decompression bomb."));
        }
        return header;
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // names NetVips types: only once libvips is set up (see LibvipsRuntime)
    private static ImageHeader ReadHeader(ImageFormat format, byte[] data)
    {
        try
        {
            using var image = VipsCodecs.Load(format, data);
            return new ImageHeader(format, image.Width, image.Height, data.Length, image.GetInt("orientation") ?? 1);
        }
        catch (VipsException exception) when (!exception.IsSetup())
        {
            throw new ImageInputException($"The {format.Name().ToUpperInvariant()} header cannot be read, so the file is corrupt or truncated ({exception.Detail()}).", exception);
        }
    }
}
