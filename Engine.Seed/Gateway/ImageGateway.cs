using System.Text.Json;
using ActorQueue.Imaging;
using ActorQueue.Imaging.Thumbnails;
using ActorQueue.Protocol;
using ActorQueue.Storage;

namespace ActorQueue.Seed.Gateway;

/// <summary>
/// <c>POST /api/images</c>: refuses at once what can be known at submission — a body that is not an image,
/// an unsupported format, a header that cannot be read, too many pixels, bad sizes — then stores the image
/// as a blob, submits an <c>image.thumbnail</c> job that points at it, and gives the blob to the job (so it
/// is pruned with it). What only decoding reveals (corrupt data past the header) discards the job instead.
/// </summary>
internal sealed class ImageGateway(JobGateway jobs, IBlobStore blobs, ImageInspector inspector, ImageOptions options)
{
    public async Task<JobView> SubmitAsync(ReadOnlyMemory<byte> image, ThumbnailSpec spec, TimeSpan? wait, CancellationToken cancellationToken)
    {
        var format = Check(image.Span);
        var blobId = (await blobs.PutBlobsAsync([new BlobUpload(format.ContentType(), image)], cancellationToken))[0];
        var payload = new ThumbnailJobPayload
        {
            Input = blobId,
            Sizes = [.. spec.Sizes],
            Format = spec.Format?.Name(),
            Crop = spec.Crop.Name(),
            Quality = spec.Quality,
        };
        var submitted = await jobs.SubmitAsync(new SubmitJobRequest
        {
            Kind = ImageThumbnailHandler.JobKind,
            Payload = JsonSerializer.SerializeToElement(payload, WireJsonContext.Default.ThumbnailJobPayload),
        }, cancellationToken);
        // Should the seed stop right here, the blob stays unowned and a later upload deletes it after an
        // hour; a job still waiting that long then finds its input gone and is discarded, saying so.
        await blobs.AttachBlobsAsync([blobId], submitted.Id, cancellationToken);
        return await jobs.GetAsync(submitted.Id, wait, cancellationToken);
    }

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

    /// <summary>The largest upload, in bytes (<see cref="ImageOptions.MaxBytes"/>).</summary>
    public long MaxBytes => options.MaxBytes;
}
