using ActorQueue.Imaging.Interop;

namespace ActorQueue.Imaging.Vips;

/// <summary>The GTypes of libvips' boxed and object types, looked up once (after libvips is initialised).</summary>
internal static class VipsTypes
{
    private static readonly Lazy<nuint> ImageType = new(VipsApi.ImageGetType);
    private static readonly Lazy<nuint> BlobType = new(VipsApi.BlobGetType);
    private static readonly Lazy<nuint> ArrayDoubleType = new(VipsApi.ArrayDoubleGetType);

    public static nuint Image => ImageType.Value;

    public static nuint Blob => BlobType.Value;

    public static nuint ArrayDouble => ArrayDoubleType.Value;
}
