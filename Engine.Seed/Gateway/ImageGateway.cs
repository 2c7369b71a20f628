using System.Text.Json;
using ActorQueue.Imaging;
using ActorQueue.Imaging.Thumbnails;
using ActorQueue.Protocol;

namespace ActorQueue.Seed.Gateway;

/// <summary>
/// <c>POST /api/images</c>: the image checked by <see cref="ImageIntake"/>, then an <c>image.thumbnail</c> job that
/// points at it, submitted together with the image stored as its blob.
/// </summary>
internal sealed class ImageGateway(JobGateway jobs, ImageIntake intake)
{
    public async Task<JobView> SubmitAsync(ReadOnlyMemory<byte> bytes, ThumbnailSpec spec, TimeSpan? wait, CancellationToken cancellationToken)
    {
        var image = intake.Prepare(bytes);
        var payload = new ThumbnailJobPayload
        {
            Input = image.Id,
            Sizes = [.. spec.Sizes],
            Format = spec.Format?.Name(),
            Crop = spec.Crop.Name(),
            Quality = spec.Quality,
        };
        var submitted = await intake.SubmitAsync(jobs, new SubmitJobRequest
        {
            Kind = ImageThumbnailHandler.JobKind,
            Payload = JsonSerializer.SerializeToElement(payload, WireJsonContext.Default.ThumbnailJobPayload),
        }, image, cancellationToken);
        return await jobs.GetAsync(submitted.Id, wait, cancellationToken);
    }
}
