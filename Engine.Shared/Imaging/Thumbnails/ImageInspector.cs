using System.Globalization;
using ActorQueue.Imaging.Vips;
using ActorQueue.Imaging.Interop;

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
    public ImageHeader Inspect(ReadOnlySpan<byte> data)
    {
        var format = ImageSniffer.Sniff(data);
        ImageHeader header;
        try
        {
            using var load = VipsOperation.Create(format.LoadOperation());
            load.SetBuffer("buffer", data).Build();
            using var image = load.GetImage("out");
            header = new ImageHeader(format, image.Width, image.Height, data.Length);
        }
        catch (VipsException exception) when (!exception.Setup)
        {
            throw new ImageInputException($"The {format.Name().ToUpperInvariant()} header cannot be read, so the file is corrupt or truncated ({exception.Detail}).", exception);
        }
        if (header.Pixels > options.MaxPixels)
        {
            throw new ImageInputException(string.Create(CultureInfo.InvariantCulture,
                $"The image is {header.Width}×{header.Height} = {header.Pixels / 1e6:0.#} MP, over the limit of {options.MaxPixels / 1e6:0.##} MP ({ImageOptions.Section}:MaxPixels); it is refused before decoding, as a possible decompression bomb."));
        }
        return header;
    }
}
