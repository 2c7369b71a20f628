namespace ActorQueue.Imaging.Thumbnails;

/// <summary>
/// The image or the request for it can never be processed (not an image, an unsupported format, corrupt
/// data, over a limit, invalid sizes): the seed answers <c>400</c>, a job is discarded at once.
/// </summary>
internal sealed class ImageInputException : Exception
{
    public ImageInputException(string message) : base(message) { }

    public ImageInputException(string message, Exception innerException) : base(message, innerException) { }
}
