using ActorQueue.Imaging.Interop;
using ActorQueue.Imaging.Vips;

namespace ActorQueue.Imaging.Thumbnails;

/// <summary>
/// Thumbnails with libvips' <c>thumbnail_buffer</c>: shrink-on-load (a JPEG is decoded at 1/2, 1/4 or 1/8
/// scale when at least a factor of two is left for the final Lanczos reduction), EXIF auto-rotation,
/// conversion to sRGB, no upscaling (a size larger than the image gives the image's own size), and no
/// metadata in the outputs (EXIF, XMP, IPTC, ICC: see <see cref="VipsImage.WithoutMetadata"/> and
/// <see cref="WebpMetadata"/>). Truncated input fails (<c>fail_on=truncated</c>, passed as the loader's
/// option string: 8.14 ignores the <c>fail_on</c> property of <c>thumbnail_buffer</c>) instead of rendering
/// grey. A libvips error while running on the input is the input's fault (<see cref="ImageInputException"/>);
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
                : DeriveFromLargest(input, spec, format, cancellationToken);
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
            using var thumbnail = Thumbnail(VipsOperation.Create("thumbnail_buffer"), size, spec.Crop);
            thumbnail.SetBuffer("buffer", input).Set("option_string", "fail_on=truncated").Build();
            using var image = thumbnail.GetImage("out");
            using var kill = image.KillOn(cancellationToken);
            outputs[i] = Encode(image, size, format, spec.Quality);
        }
        return outputs;
    }

    private static Thumbnail[] DeriveFromLargest(ReadOnlySpan<byte> input, ThumbnailSpec spec, ImageFormat format, CancellationToken cancellationToken)
    {
        var largest = spec.Sizes.Max();
        using var thumbnail = Thumbnail(VipsOperation.Create("thumbnail_buffer"), largest, spec.Crop);
        thumbnail.SetBuffer("buffer", input).Set("option_string", "fail_on=truncated").Build();
        using var lazy = thumbnail.GetImage("out");
        using var decoded = Decode(lazy, cancellationToken); // the one decode: every size reads these pixels

        var outputs = new Thumbnail[spec.Sizes.Count];
        for (var i = 0; i < outputs.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var size = spec.Sizes[i];
            if (size == largest)
            {
                outputs[i] = Encode(decoded, size, format, spec.Quality);
                continue;
            }
            // Already rotated and in sRGB: only scale (and crop, when the largest could not be square).
            using var smaller = Thumbnail(VipsOperation.Create("thumbnail_image"), size, spec.Crop);
            smaller.Set("in", decoded).Set("no_rotate", true).Build();
            using var image = smaller.GetImage("out");
            outputs[i] = Encode(image, size, format, spec.Quality);
        }
        return outputs;
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
