namespace ActorQueue.Imaging.Thumbnails;

/// <summary>
/// What the header of an input says: format, stored size and EXIF orientation (1–8; 5–8 turn the image
/// a quarter, so its displayed width is the stored height), known before any pixel is decoded.
/// </summary>
internal sealed record ImageHeader(ImageFormat Format, int Width, int Height, long Bytes, int Orientation = 1)
{
    public long Pixels => (long)Width * Height;

    public bool TurnsQuarter => Orientation is >= 5 and <= 8;

    public int DisplayedWidth => TurnsQuarter ? Height : Width;

    public int DisplayedHeight => TurnsQuarter ? Width : Height;
}
