using System.Runtime.InteropServices;
using ActorQueue.Imaging.Interop;

namespace ActorQueue.Imaging.Vips;

/// <summary>
/// A libvips image. Images are lazy: a loader's output knows its header at once, and its pixels are
/// decoded only when something downstream (a save, <see cref="CopyMemory"/>) asks for them.
/// </summary>
internal sealed unsafe class VipsImage(VipsImageHandle handle) : IDisposable
{
    // VipsBandFormat VIPS_FORMAT_UCHAR
    private const int FormatUChar = 0;

    internal VipsImageHandle Handle { get; } = handle;

    public int Width => VipsImageApi.GetWidth(Handle);

    public int Height => VipsImageApi.GetHeight(Handle);

    public int Bands => VipsImageApi.GetBands(Handle);

    public bool HasAlpha => VipsImageApi.HasAlpha(Handle) != 0;

    /// <summary>An integer metadata field, e.g. <c>orientation</c>; null when the image has none.</summary>
    public int? GetInt(string field)
    {
        if (VipsImageApi.GetInt(Handle, field, out var value) == 0)
        {
            return value;
        }
        VipsErrors.Take(); // "field not found" is an answer here, not an error to report later
        return null;
    }

    /// <summary>Sets an integer metadata field. Only on an image nothing else shares yet (e.g. one just made).</summary>
    public void SetInt(string field, int value) => VipsImageApi.SetInt(Handle, field, value);

    /// <summary>Names of every metadata field (header fields such as <c>width</c> included).</summary>
    public IReadOnlyList<string> FieldNames()
    {
        var fields = VipsImageApi.GetFields(Handle);
        var names = new List<string>();
        try
        {
            for (var field = fields; field is not null && *field is not null; field++)
            {
                names.Add(Marshal.PtrToStringUTF8((nint)(*field)) ?? "");
            }
        }
        finally
        {
            GLibApi.StrFreeV(fields);
        }
        return names;
    }

    /// <summary>
    /// The same pixels without any metadata (EXIF, XMP, IPTC, ICC, orientation, …): a new image header over
    /// the same pixels, made with <c>copy</c>, so this image — which others may share — is left alone. Savers'
    /// <c>strip</c> is not enough on its own: libvips 8.14's WebP saver writes EXIF and XMP regardless.
    /// </summary>
    public VipsImage WithoutMetadata()
    {
        using var copy = VipsOperation.Create("copy");
        copy.Set("in", this).Build();
        var bare = copy.GetImage("out");
        foreach (var field in bare.FieldNames())
        {
            VipsImageApi.Remove(bare.Handle, field); // header fields are not removable and stay
        }
        return bare;
    }

    /// <summary>
    /// Stops any evaluation of this image (from another thread too) when <paramref name="cancellationToken"/>
    /// fires: the running operation fails at its next tile. Dispose the registration before the image.
    /// </summary>
    public CancellationTokenRegistration KillOn(CancellationToken cancellationToken) =>
        cancellationToken.Register(static state => VipsImageApi.SetKill(((VipsImage)state!).Handle, 1), this);

    /// <summary>Renders the image into memory, so several operations can read it without decoding twice.</summary>
    public VipsImage CopyMemory() =>
        new(VipsErrors.Check(VipsImageApi.CopyMemory(Handle), "vips_image_copy_memory"));

    /// <summary>The decoded pixels, band-interleaved (8-bit images: one byte per band).</summary>
    public byte[] ToPixels()
    {
        var data = VipsImageApi.WriteToMemory(Handle, out var size);
        if (data is null)
        {
            throw VipsErrors.Failed("vips_image_write_to_memory");
        }
        try
        {
            return new ReadOnlySpan<byte>(data, checked((int)size)).ToArray();
        }
        finally
        {
            GLibApi.Free(data);
        }
    }

    /// <summary>An 8-bit image of <paramref name="bands"/> bands from interleaved pixels (copied).</summary>
    public static VipsImage FromPixels(ReadOnlySpan<byte> pixels, int width, int height, int bands)
    {
        VipsRuntime.EnsureInitialized();
        if (pixels.Length != width * height * bands)
        {
            throw new ArgumentException($"{width}×{height}×{bands} needs {width * height * bands} bytes, not {pixels.Length}.", nameof(pixels));
        }
        fixed (byte* data = pixels)
        {
            return new VipsImage(VipsErrors.Check(
                VipsImageApi.NewFromMemoryCopy(data, (nuint)pixels.Length, width, height, bands, FormatUChar), "vips_image_new_from_memory_copy"));
        }
    }

    public void Dispose() => Handle.Dispose();
}
