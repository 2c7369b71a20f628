using System.Text.Json;
using ActorQueue.Imaging.Thumbnails;
using ActorQueue.Jobs;
using ActorQueue.Protocol;
using ActorQueue.Storage;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Imaging;

/// <summary>
/// <c>image.thumbnail</c> on queue <c>image</c>: reads the input blob, renders every size (see
/// <see cref="VipsThumbnailer"/>), stores the outputs as blobs of this job (pruned with it) and answers
/// <see cref="ThumbnailJobResult"/>. Input that can never work — a bad payload, a missing input, a corrupt or
/// unsupported image, one over the pixel limit — discards the job at once with the reason. Anything else
/// (libvips failing to set up an operation) is an ordinary failure: the attempt is retried, and the actor is
/// restarted by its supervisor. When libvips cannot be loaded at all the job is handed back, its attempt not
/// counted, for a node that has it.
/// </summary>
internal sealed class ImageThumbnailHandler(
    IThumbnailer thumbnailer,
    IBlobStore blobs,
    ImageOptions options,
    TimeProvider time,
    ILogger<ImageThumbnailHandler> logger) : IJobHandler
{
    public const string JobKind = "image.thumbnail";
    public const string Queue = "image";

    public string Kind => JobKind;

    public string DefaultQueue => Queue;

    public async ValueTask<JsonElement?> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = ReadPayload(context);
        ThumbnailSet rendered;
        try
        {
            var spec = ThumbnailSpec.Create(payload.Sizes, payload.Format, payload.Crop, payload.Quality, options);
            var stored = await blobs.GetBlobAsync(payload.Input!, cancellationToken)
                ?? throw new ImageInputException($"The input blob {payload.Input} does not exist (never stored, or pruned).");
            var started = time.GetTimestamp();
            rendered = thumbnailer.Render(stored.Data, spec, cancellationToken);
            ImagingLog.ThumbnailsRendered(logger, context.Id, rendered.Outputs.Count, rendered.Input.Width, rendered.Input.Height,
                rendered.Input.Format.Name(), time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (ImageInputException exception)
        {
            ImagingLog.ImageRefused(logger, context.Id, exception.Message);
            throw new JobDiscardException(exception.Message, exception);
        }
        catch (ImagingUnavailableException exception)
        {
            // Not the job's fault; LibvipsAvailability now keeps this node from claiming image jobs again.
            throw new JobHandBackException(exception.Message, exception);
        }

        var uploads = rendered.Outputs.Select(o => new BlobUpload(o.Format.ContentType(), o.Bytes, context.Id)).ToList();
        var ids = await blobs.PutBlobsAsync(uploads, cancellationToken);
        var input = rendered.Input;
        var result = new ThumbnailJobResult(
            new ThumbnailInputView(input.Format.Name(), input.Width, input.Height, input.Bytes),
            rendered.Outputs.Select((o, i) => new ThumbnailOutputView(o.Size, o.Width, o.Height, o.Format.Name(), o.Bytes.Length, ids[i], BlobUrls.For(ids[i]))).ToList());
        return JsonSerializer.SerializeToElement(result, WireJsonContext.Default.ThumbnailJobResult);
    }

    private static ThumbnailJobPayload ReadPayload(JobContext context)
    {
        var payload = JobPayloads.Read(context, WireJsonContext.Default.ThumbnailJobPayload, "a thumbnail request",
            "{input, sizes, format?, crop?, quality?} (POST /api/images writes it)");
        return payload is { Input.Length: > 0 } ? payload : throw new JobDiscardException("payload.input (the id of the input blob) is required.");
    }
}
