using ActorQueue.Imaging;
using ActorQueue.Imaging.Thumbnails;
using ActorQueue.Protocol;
using ActorQueue.Storage;

namespace ActorQueue.Seed.Gateway;

/// <summary>
/// An uploaded image on its way to a job, for every route that takes one: refuses at once what can be known
/// at submission — a body that is not an image, an unsupported format, a header that cannot be read, too
/// many pixels — then stores it as a blob in the same transaction as the job that uses it, which owns it
/// from the start (so it is pruned with it). What only decoding reveals (corrupt data past the header)
/// discards the job instead.
/// </summary>
internal sealed class ImageIntake(IBlobStore blobs, ImageInspector inspector, ImageOptions options, TimeProvider time)
{
    /// <summary>The largest upload, in bytes (<see cref="ImageOptions.MaxBytes"/>).</summary>
    public long MaxBytes => options.MaxBytes;

    /// <summary>Checks the image (400 with the reason) and names the blob it will be stored as; the job's payload refers to that id.</summary>
    public IdentifiedBlob Prepare(ReadOnlyMemory<byte> image) =>
        new(BlobUploads.NewId(time.GetUtcNow()), Check(image).ContentType(), image);

    /// <summary>Submits the job that reads <paramref name="image"/>, and stores the image with it, in one transaction.</summary>
    public Task<SubmitJobResponse> SubmitAsync(JobGateway jobs, SubmitJobRequest request, IdentifiedBlob image, CancellationToken cancellationToken) =>
        jobs.SubmitAsync(request, (submission, ct) => blobs.SubmitWithBlobsAsync(submission, [image], ct), cancellationToken);

    /// <summary>The image's format after the submission-time checks; 400 for what fails them.</summary>
    private ImageFormat Check(ReadOnlyMemory<byte> image)
    {
        try
        {
            return inspector.Inspect(image).Format;
        }
        catch (ImagingUnavailableException)
        {
            // No libvips on this seed (a cluster seed may run without it): the magic bytes now, the header
            // and pixel limit on the node that runs the job.
            return Sniff(image.Span);
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
