namespace ActorQueue.Imaging;

/// <summary>Configuration section <c>Images</c>: limits and defaults of image jobs.</summary>
public sealed class ImageOptions
{
    public const string Section = "Images";

    /// <summary>
    /// Largest input, in pixels (width × height, read from the header before anything is decoded). Above it
    /// an image is refused as a decompression bomb: decoding 50 MP as RGB already takes 150 MB.
    /// </summary>
    public long MaxPixels { get; set; } = 50_000_000;

    /// <summary>Largest upload, in bytes (<c>413</c> above it). May exceed <c>Http:MaxRequestBytes</c>.</summary>
    public long MaxBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Most sizes one job may ask for.</summary>
    public int MaxSizes { get; set; } = 8;

    /// <summary>Largest size (output width) one may ask for, in pixels.</summary>
    public int MaxDimension { get; set; } = 4096;

    /// <summary>Quality (1–100) of JPEG and WebP outputs when the request names none.</summary>
    public int DefaultQuality { get; set; } = 80;

    /// <summary>
    /// libvips worker threads per operation. 1 is best for a server: the <c>image</c> pool already runs an
    /// actor per core (see <c>bench/RESULTS.md</c>). Read once per process.
    /// </summary>
    public int VipsThreads { get; set; } = 1;

    /// <summary>One sentence saying what is wrong, or null when the options are usable.</summary>
    public string? Problem() => this switch
    {
        { MaxPixels: < 1 } => $"{Section}:MaxPixels must be at least 1, not {MaxPixels}.",
        { MaxBytes: < 1 or > Storage.IBlobStore.MaxBlobBytes } => $"{Section}:MaxBytes must be from 1 to {Storage.IBlobStore.MaxBlobBytes}, not {MaxBytes}.",
        { MaxSizes: < 1 or > 64 } => $"{Section}:MaxSizes must be from 1 to 64, not {MaxSizes}.",
        { MaxDimension: < 1 or > 16384 } => $"{Section}:MaxDimension must be from 1 to 16384, not {MaxDimension}.",
        { DefaultQuality: < 1 or > 100 } => $"{Section}:DefaultQuality must be from 1 to 100, not {DefaultQuality}.",
        { VipsThreads: < 1 or > 64 } => $"{Section}:VipsThreads must be from 1 to 64, not {VipsThreads}.",
        _ => null,
    };
}
