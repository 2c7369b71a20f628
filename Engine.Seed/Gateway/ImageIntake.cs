using ActorQueue.Imaging;
using ActorQueue.Imaging.Thumbnails;
using ActorQueue.Storage;

namespace ActorQueue.Seed.Gateway;

/// <summary>
/// An uploaded image on its way to a job, for every route that takes one: refuses at once what can be known
/// at submission — a body that is not an image, an unsupported format, a header that cannot be read, too
/// many pixels — then stores it as a blob, which the job it is submitted for then owns (so it is pruned with
/// it). What only decoding reveals (corrupt data past the header) discards the job instead.
/// </summary>
internal sealed class ImageIntake(IBlobStore blobs, ImageInspector inspector, ImageOptions options)
{
    /// <summary>The largest upload, in bytes (<see cref="ImageOptions.MaxBytes"/>).</summary>
    public long MaxBytes => options.MaxBytes;

    /// <summary>Checks the image (400 with the reason) and stores it as an unowned blob; answers its id and format.</summary>
    public async Task<(string BlobId, ImageFormat Format)> StoreAsync(ReadOnlyMemory<byte> image, CancellationToken cancellationToken)
    {
        var format = Check(image.Span);
        var blobId = (await blobs.PutBlobsAsync([new BlobUpload(format.ContentType(), image)], cancellationToken))[0];
        return (blobId, format);
    }

    /// <summary>
    /// Gives the stored image to its job. Should the seed stop before this, the blob stays unowned and a later
    /// upload deletes it after an hour; a job still waiting that long then finds its input gone and is
    /// discarded, saying so.
    /// </summary>
    public Task AttachAsync(string blobId, string jobId, CancellationToken cancellationToken) =>
        blobs.AttachBlobsAsync([blobId], jobId, cancellationToken);

    /// <summary>The image's format after the submission-time checks; 400 for what fails them.</summary>
    private ImageFormat Check(ReadOnlySpan<byte> image)
    {
        try
        {
            return inspector.Inspect(image).Format;
        }
        catch (ImagingUnavailableException)
        {
            // No libvips on this seed (a cluster seed may run without it): the magic bytes now, the header
            // and pixel limit on the node that runs the job.
            return Sniff(image);
        }
        catch (ImageInputException exception)
        {
            throw RequestRejectedException.Invalid(exception.Message);
        }
    }

    private static ImageFormat Sniff(ReadOnlySpan<byte> image)
    {
        try
        {
            return ImageSniffer.Sniff(image);
        }
        catch (ImageInputException exception)
        {
            throw RequestRejectedException.Invalid(exception.Message);
        }
    }
}
