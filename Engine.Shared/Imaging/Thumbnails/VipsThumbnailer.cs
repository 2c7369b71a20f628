using System.Runtime.CompilerServices;
using ActorQueue.Imaging.Libvips;
using NetVips;

namespace ActorQueue.Imaging.Thumbnails;

/// <summary>
/// Thumbnails with libvips' <c>thumbnail</c> operations: shrink-on-load (a JPEG is decoded at 1/2, 1/4 or 1/8
/// scale, see <see cref="JpegShrinkOnLoad"/>), Lanczos 3 for the final reduction, EXIF auto-rotation,
/// conversion to sRGB, no upscaling (a size larger than the image gives the image's own size), and no
/// metadata in the outputs (EXIF, XMP, IPTC, ICC: see <see cref="VipsCodecs.Save"/>). Truncated input fails
/// (<c>fail_on=truncated</c>: a property of <c>jpegload_buffer</c>, and for <c>thumbnail_buffer</c> the
/// loader's option string, since libvips still ignores its own <c>fail_on</c> property) instead of
/// rendering grey. A libvips error while running on the input is the input's fault
/// (<see cref="ImageInputException"/>); one while setting an operation up is not. Cancellation (job
/// cancelled, timed out, node stopping) kills the decode in progress at its next tile.
/// </summary>
internal sealed class VipsThumbnailer(ImageInspector inspector, ImagingRuntime runtime) : IThumbnailer
{
    // VIPS_MAX_COORD: "no limit" for the height when only the width is constrained.
    private const int Unbounded = 10_000_000;

    internal ThumbnailStrategy Strategy { get; init; } = ThumbnailStrategy.DeriveFromLargest;

    public ThumbnailSet Render(byte[] input, ThumbnailSpec spec, CancellationToken cancellationToken)
    {
        runtime.Ensure();
        var header = inspector.Inspect(input);
        return new ThumbnailSet(header, RenderOutputs(input, header, spec, cancellationToken));
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // names NetVips types: only once libvips is set up (see LibvipsRuntime)
    private Thumbnail[] RenderOutputs(byte[] input, ImageHeader header, ThumbnailSpec spec, CancellationToken cancellationToken)
    {
        var format = spec.Format ?? header.Format;
        try
        {
            return Strategy == ThumbnailStrategy.OnePerSize
                ? OnePerSize(input, spec, format, cancellationToken)
                : DeriveFromLargest(input, header, spec, format, cancellationToken);
        }
        catch (VipsException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The render was stopped (cancelled, timed out or shutting down).", cancellationToken);
        }
        catch (VipsException exception) when (!exception.IsSetup())
        {
            throw new ImageInputException($"The {header.Format.Name().ToUpperInvariant()} image cannot be decoded, so the file is corrupt or truncated ({exception.Detail()}).", exception);
        }
    }

    private static Thumbnail[] OnePerSize(byte[] input, ThumbnailSpec spec, ImageFormat format, CancellationToken cancellationToken)
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

    private static Thumbnail[] DeriveFromLargest(byte[] input, ImageHeader header, ThumbnailSpec spec, ImageFormat format, CancellationToken cancellationToken)
    {
        var largest = spec.Sizes.Max();
        using var lazy = LoadLargest(input, header, largest, spec.Crop);
        using var decoded = Decode(lazy, cancellationToken); // the one decode: every size reads these pixels

        var outputs = new Thumbnail[spec.Sizes.Count];
        var reduced = new List<Image>();
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
                    // Read twice (encoded now, reduced from next): a lazy image read a second time fails.
                    var pixels = lazyReduced.CopyMemory();
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
    private static Image LoadLargest(byte[] input, ImageHeader header, int largest, ThumbnailCrop crop)
    {
        if (header.Format != ImageFormat.Jpeg)
        {
            return ThumbnailBuffer(input, largest, crop);
        }
        using var loaded = Image.JpegloadBuffer(input, shrink: JpegShrinkOnLoad.For(header, largest, crop),
            access: Enums.Access.Sequential, failOn: Enums.FailOn.Truncated);
        return loaded.ThumbnailImage(largest, Height(largest, crop), Enums.Size.Down, crop: Interesting(crop));
    }

    private static Image ThumbnailBuffer(byte[] input, int size, ThumbnailCrop crop) =>
        Image.ThumbnailBuffer(input, size, "fail_on=truncated", Height(size, crop), Enums.Size.Down, crop: Interesting(crop));

    /// <summary>
    /// Whether a smaller size is only a matter of scaling the decoded largest one (already rotated and in
    /// sRGB): the same aspect ratio and no alpha to premultiply. Then <see cref="Reduce"/> does it, from the
    /// next larger size. Otherwise <see cref="ThumbnailImage"/> does the rest.
    /// </summary>
    private static bool CanReduce(Image decoded, int size, ThumbnailCrop crop) =>
        !decoded.HasAlpha() && (crop == ThumbnailCrop.None || decoded.Width == decoded.Height) && size < decoded.Width;

    /// <summary>
    /// Lanczos 3 to <paramref name="width"/> px wide with libvips' own <c>reduce</c>. libvips 8.14 vectorised
    /// only the vertical pass, so the engine ran <c>reducev</c> before <c>reduceh</c> itself; 8.18 vectorises
    /// both (Highway) and its <c>reduce</c> is as fast as that pair (1024 → 512 → 128 px: ≈ 3 ms of CPU either
    /// way; the horizontal pass first ≈ 5 ms, <c>resize</c> ≈ 4 ms).
    /// </summary>
    private static Image Reduce(Image source, int width)
    {
        var height = source.Width == source.Height ? width : Math.Max(1, (int)Math.Round((double)source.Height * width / source.Width));
        return source.Reduce((double)source.Width / width, (double)source.Height / height, Enums.Kernel.Lanczos3);
    }

    private static Image ThumbnailImage(Image decoded, int size, ThumbnailCrop crop) =>
        decoded.ThumbnailImage(size, Height(size, crop), Enums.Size.Down, noRotate: true, crop: Interesting(crop));

    private static Image Decode(Image lazy, CancellationToken cancellationToken)
    {
        using (lazy.KillOn(cancellationToken))
        {
            return lazy.CopyMemory();
        }
    }

    // crop none fits the width (the height is free); the crop modes fill a size × size square.
    private static int Height(int size, ThumbnailCrop crop) => crop == ThumbnailCrop.None ? Unbounded : size;

    private static Enums.Interesting? Interesting(ThumbnailCrop crop) => crop switch
    {
        ThumbnailCrop.Centre => Enums.Interesting.Centre,
        ThumbnailCrop.Attention => Enums.Interesting.Attention,
        _ => null,
    };

    private static Thumbnail Encode(Image image, int size, ImageFormat format, int quality) =>
        new(size, image.Width, image.Height, format, VipsCodecs.Save(image, format, quality));
}
