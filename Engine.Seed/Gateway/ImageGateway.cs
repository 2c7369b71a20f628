using System.Text.Json;
using ActorQueue.Imaging;
using ActorQueue.Imaging.Thumbnails;
using ActorQueue.Protocol;

namespace ActorQueue.Seed.Gateway;

/// <summary>
/// <c>POST /api/images</c>: the image through <see cref="ImageIntake"/> (checked, stored as a blob), then an
/// <c>image.thumbnail</c> job that points at it and owns it.
/// </summary>
internal sealed class ImageGateway(JobGateway jobs, ImageIntake intake)
{
    public async Task<JobView> SubmitAsync(ReadOnlyMemory<byte> image, ThumbnailSpec spec, TimeSpan? wait, CancellationToken cancellationToken)
    {
        var (blobId, _) = await intake.StoreAsync(image, cancellationToken);
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
        await intake.AttachAsync(blobId, submitted.Id, cancellationToken);
        return await jobs.GetAsync(submitted.Id, wait, cancellationToken);
    }
}
