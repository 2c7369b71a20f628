namespace ActorQueue.Imaging;

/// <summary>libvips is missing or too old on this machine: image jobs cannot run here.</summary>
public sealed class ImagingUnavailableException : Exception
{
    public ImagingUnavailableException(string message) : base(message) { }

    public ImagingUnavailableException(string message, Exception innerException) : base(message, innerException) { }

    public ImagingUnavailableException() : base("libvips is not available.") { }
}
