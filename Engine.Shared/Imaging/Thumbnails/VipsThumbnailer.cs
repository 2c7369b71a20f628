using ActorQueue.Imaging.Interop;
using ActorQueue.Imaging.Vips;

namespace ActorQueue.Imaging.Thumbnails;

/// <summary>
/// Thumbnails with libvips' <c>thumbnail</c> operations: shrink-on-load (a JPEG is decoded at 1/2, 1/4 or 1/8
/// scale, see <see cref="JpegShrinkOnLoad"/>), Lanczos 3 for the final reduction, EXIF auto-rotation,
/// conversion to sRGB, no upscaling (a size larger than the image gives the image's own size), and no
/// metadata in the outputs (EXIF, XMP, IPTC, ICC: see <see cref="VipsImage.WithoutMetadata"/> and
/// <see cref="WebpMetadata"/>). Truncated input fails (<c>fail_on=truncated</c>: a property of
/// <c>jpegload_buffer</c>, and for <c>thumbnail_buffer</c> the loader's option string, since 8.14 ignores
/// its own <c>fail_on</c> property) instead of rendering grey. A libvips error while running on the input is the input's fault (<see cref="ImageInputException"/>);
/// one while setting an operation up is not. Cancellation (job cancelled, timed out, node stopping) kills
/// the decode in progress at its next tile.
/// </summary>
internal sealed class VipsThumbnailer(ImageInspector inspector, ImagingRuntime runtime) : IThumbnailer
{
    // VIPS_MAX_COORD: "no limit" for the height when only the width is constrained.
    private const int Unbounded = 10_000_000;
    private static readonly double[] White = [255];

    internal ThumbnailStrategy Strategy { get; init; } = ThumbnailStrategy.DeriveFromLargest;

    public ThumbnailSet Render(ReadOnlySpan<byte> input, ThumbnailSpec spec, CancellationToken cancellationToken)
    {
        runtime.Ensure();
        var header = inspector.Inspect(input);
        var format = spec.Format ?? header.Format;
        try
        {
            var outputs = Strategy == ThumbnailStrategy.OnePerSize
                ? OnePerSize(input, spec, format, cancellationToken)
                : DeriveFromLargest(input, header, spec, format, cancellationToken);
            return new ThumbnailSet(header, outputs);
        }
        catch (VipsException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The render was stopped (cancelled, timed out or shutting down).", cancellationToken);
        }
        catch (VipsException exception) when (!exception.Setup)
        {
            throw new ImageInputException($"The {header.Format.Name().ToUpperInvariant()} image cannot be decoded, so the file is corrupt or truncated ({exception.Detail}).", exception);
        }
    }

    private static Thumbnail[] OnePerSize(ReadOnlySpan<byte> input, ThumbnailSpec spec, ImageFormat format, CancellationToken cancellationToken)
    {
        var outputs = new Thumbnail[spec.Sizes.Count];
        for (var i = 0; i < outputs.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var size = spec.Sizes[i];
            using var image = ThumbnailBuffer(input, size, spec.Crop);
            using var kill = image.KillOn(cancellationToken);
            outputs[i] = Encode(image, size, format, spec.Quality);
        }
        return outputs;
    }

    private static Thumbnail[] DeriveFromLargest(ReadOnlySpan<byte> input, ImageHeader header, ThumbnailSpec spec, ImageFormat format, CancellationToken cancellationToken)
    {
        var largest = spec.Sizes.Max();
        using var lazy = LoadLargest(input, header, largest, spec.Crop);
        using var decoded = Decode(lazy, cancellationToken); // the one decode: every size reads these pixels

        var outputs = new Thumbnail[spec.Sizes.Count];
        var reduced = new List<VipsImage>();
        try
        {
            // Largest first, so that each size is reduced from the pixels of the one above it: fewer to read.
            var source = decoded;
            foreach (var i in Enumerable.Range(0, outputs.Length).OrderByDescending(i => spec.Sizes[i]))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var size = spec.Sizes[i];
                if (size == largest)
                {
                    outputs[i] = Encode(decoded, size, format, spec.Quality);
                }
                else if (CanReduce(decoded, size, spec.Crop))
                {
                    using var lazyReduced = Reduce(source, size);
                    var pixels = lazyReduced.CopyMemory(); // computed once: encoded now, reduced from next
                    reduced.Add(pixels);
                    outputs[i] = Encode(pixels, size, format, spec.Quality);
                    source = pixels;
                }
                else
                {
                    using var image = ThumbnailImage(decoded, size, spec.Crop);
                    outputs[i] = Encode(image, size, format, spec.Quality);
                }
            }
            return outputs;
        }
        finally
        {
            reduced.ForEach(image => image.Dispose());
        }
    }

    /// <summary>
    /// The largest size, not yet decoded. A JPEG is loaded with our own shrink-on-load (see
    /// <see cref="JpegShrinkOnLoad"/>) and handed to <c>thumbnail_image</c>, which rotates, converts to sRGB,
    /// crops and reduces exactly as <c>thumbnail_buffer</c> would; other formats go to <c>thumbnail_buffer</c>,
    /// whose own shrink-on-load (WebP) we keep.
    /// </summary>
    private static VipsImage LoadLargest(ReadOnlySpan<byte> input, ImageHeader header, int largest, ThumbnailCrop crop)
    {
        if (header.Format != ImageFormat.Jpeg)
        {
            return ThumbnailBuffer(input, largest, crop);
        }
        using var load = VipsOperation.Create("jpegload_buffer");
        load.SetBuffer("buffer", input)
            .Set("shrink", JpegShrinkOnLoad.For(header, largest, crop))
            .Set("fail_on", "truncated")
            .Set("access", "sequential")
            .Build();
        using var loaded = load.GetImage("out");
        using var thumbnail = Thumbnail(VipsOperation.Create("thumbnail_image"), largest, crop);
        thumbnail.Set("in", loaded).Build();
        return thumbnail.GetImage("out");
    }

    private static VipsImage ThumbnailBuffer(ReadOnlySpan<byte> input, int size, ThumbnailCrop crop)
    {
        using var thumbnail = Thumbnail(VipsOperation.Create("thumbnail_buffer"), size, crop);
        thumbnail.SetBuffer("buffer", input).Set("option_string", "fail_on=truncated").Build();
        return thumbnail.GetImage("out");
    }

    /// <summary>
    /// Whether a smaller size is only a matter of scaling the decoded largest one (already rotated and in
    /// sRGB): the same aspect ratio and no alpha to premultiply. Then <see cref="Reduce"/> does it, from the
    /// next larger size: 4 ms for 1024 → 128 px where <c>thumbnail_image</c> (libvips 8.14's <c>resize</c>, a
    /// box shrink then a reduce) takes 26 ms. Otherwise <see cref="ThumbnailImage"/> does the rest.
    /// </summary>
    private static bool CanReduce(VipsImage decoded, int size, ThumbnailCrop crop) =>
        !decoded.HasAlpha && (crop == ThumbnailCrop.None || decoded.Width == decoded.Height) && size < decoded.Width;

    /// <summary>
    /// Lanczos 3 to <paramref name="width"/> px wide, the rows first: libvips 8.14 vectorises <c>reducev</c>
    /// (Orc) but not <c>reduceh</c>, and <c>reduce</c> runs <c>reduceh</c> first, over every input row.
    /// </summary>
    private static VipsImage Reduce(VipsImage source, int width)
    {
        var height = source.Width == source.Height ? width : Math.Max(1, (int)Math.Round((double)source.Height * width / source.Width));
        using var vertical = VipsOperation.Create("reducev");
        vertical.Set("in", source)
            .Set("vshrink", (double)source.Height / height)
            .Set("kernel", "lanczos3")
            .Build();
        using var rows = vertical.GetImage("out");
        using var horizontal = VipsOperation.Create("reduceh");
        horizontal.Set("in", rows)
            .Set("hshrink", (double)source.Width / width)
            .Set("kernel", "lanczos3")
            .Build();
        return horizontal.GetImage("out");
    }

    private static VipsImage ThumbnailImage(VipsImage decoded, int size, ThumbnailCrop crop)
    {
        using var thumbnail = Thumbnail(VipsOperation.Create("thumbnail_image"), size, crop);
        thumbnail.Set("in", decoded).Set("no_rotate", true).Build();
        return thumbnail.GetImage("out");
    }

    private static VipsImage Decode(VipsImage lazy, CancellationToken cancellationToken)
    {
        using (lazy.KillOn(cancellationToken))
        {
            return lazy.CopyMemory();
        }
    }

    private static VipsOperation Thumbnail(VipsOperation operation, int size, ThumbnailCrop crop)
    {
        try
        {
            operation.Set("width", size).Set("size", "down");
            if (crop == ThumbnailCrop.None)
            {
                operation.Set("height", Unbounded);
            }
            else
            {
                operation.Set("height", size).Set("crop", crop.Name());
            }
            return operation;
        }
        catch
        {
            operation.Dispose();
            throw;
        }
    }

    private static Thumbnail Encode(VipsImage image, int size, ImageFormat format, int quality)
    {
        using var bare = image.WithoutMetadata();
        using var save = VipsOperation.Create(format.SaveOperation());
        save.Set("in", bare).Set("strip", true);
        if (format.HasQuality())
        {
            save.Set("Q", quality);
        }
        if (format == ImageFormat.Jpeg && bare.HasAlpha)
        {
            save.Set("background", White); // JPEG has no alpha: flatten onto white, not black
        }
        save.Build();
        var bytes = save.GetBytes("buffer");
        return new Thumbnail(size, image.Width, image.Height, format, format == ImageFormat.Webp ? WebpMetadata.Strip(bytes) : bytes);
    }
}
