using System.Text.Json;
using ActorQueue.Inference;
using ActorQueue.Jobs;
using ActorQueue.Protocol;

namespace ActorQueue.Seed.Gateway;

/// <summary>
/// <c>POST /api/classify</c>: refused at once, as the engine refuses any kind that no live member can run,
/// when no member has a model to classify with; otherwise the image through <see cref="ImageIntake"/>
/// (checked, stored as a blob), then an <c>inference.classify</c> job that points at it and owns it.
/// </summary>
internal sealed class ClassifyGateway(JobGateway jobs, ImageIntake intake, ClusterKinds kinds)
{
    private const string NoModel =
        "No live member can classify images now: none runs a model. Start the seed or a worker node with --model PATH.onnx (and --labels PATH.txt).";

    /// <summary>The largest upload, in bytes (<c>Images:MaxBytes</c>).</summary>
    public long MaxBytes => intake.MaxBytes;

    /// <summary>400 with the reason when no live member can classify now.</summary>
    public async Task CheckRunnableAsync(CancellationToken cancellationToken)
    {
        if (await kinds.DefaultQueueOfAsync(ClassifyJobHandler.JobKind, cancellationToken) is null)
        {
            throw RequestRejectedException.Invalid(kinds.Refusal(ClassifyJobHandler.JobKind, NoModel));
        }
    }

    public async Task<JobView> SubmitAsync(ReadOnlyMemory<byte> image, int top, TimeSpan? wait, CancellationToken cancellationToken)
    {
        var (blobId, _) = await intake.StoreAsync(image, cancellationToken);
        var payload = new ClassifyJobPayload { Input = blobId, Top = top };
        var submitted = await jobs.SubmitAsync(new SubmitJobRequest
        {
            Kind = ClassifyJobHandler.JobKind,
            Payload = JsonSerializer.SerializeToElement(payload, WireJsonContext.Default.ClassifyJobPayload),
        }, cancellationToken);
        await intake.AttachAsync(blobId, submitted.Id, cancellationToken);
        return await jobs.GetAsync(submitted.Id, wait, cancellationToken);
    }
}
