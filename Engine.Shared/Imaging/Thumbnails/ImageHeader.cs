namespace ActorQueue.Imaging.Thumbnails;

/// <summary>What the header of an input says: format and size, known before any pixel is decoded.</summary>
internal sealed record ImageHeader(ImageFormat Format, int Width, int Height, long Bytes)
{
    public long Pixels => (long)Width * Height;
}
