namespace ActorQueue.Protocol;

/// <summary>
/// The payload of an <c>image.thumbnail</c> job: the input blob and what to make of it. <c>POST /api/images</c>
/// writes it; a client may also submit it through <c>POST /api/jobs</c> with a blob it stored.
/// </summary>
public sealed class ThumbnailJobPayload
{
    /// <summary>Id of the input blob.</summary>
    public string? Input { get; set; }

    /// <summary>Output widths (square sides when cropping), in pixels.</summary>
    public List<int>? Sizes { get; set; }

    /// <summary><c>jpeg</c>, <c>png</c> or <c>webp</c>; the input's format when absent.</summary>
    public string? Format { get; set; }

    /// <summary><c>none</c> (default), <c>centre</c> or <c>attention</c>.</summary>
    public string? Crop { get; set; }

    /// <summary>1–100 for JPEG and WebP; <c>Images:DefaultQuality</c> when absent.</summary>
    public int? Quality { get; set; }
}

/// <summary>The result of a completed <c>image.thumbnail</c> job: one output per requested size, in order.</summary>
public sealed record ThumbnailJobResult(ThumbnailInputView Input, IReadOnlyList<ThumbnailOutputView> Outputs);

/// <summary>What the input was.</summary>
public sealed record ThumbnailInputView(string Format, int Width, int Height, long Bytes);

/// <summary>One output: the size asked for, the actual dimensions, and where to fetch it (<c>GET url</c>).</summary>
public sealed record ThumbnailOutputView(int Size, int Width, int Height, string Format, long Bytes, string BlobId, string Url);

/// <summary>Where the seed serves a blob: <c>GET /api/blobs/{id}</c>.</summary>
public static class BlobUrls
{
    public const string Prefix = "/api/blobs/";

    public static string For(string id) => Prefix + Uri.EscapeDataString(id);
}
