using System.Text.Json;
using ActorQueue.Inference;
using ActorQueue.Jobs;
using ActorQueue.Protocol;

namespace ActorQueue.Seed.Gateway;

/// <summary>
/// <c>POST /api/classify</c>: refused at once, as the engine refuses any kind that no live member can run,
/// when no member has a model to classify with; otherwise the image checked by <see cref="ImageIntake"/>,
/// then an <c>inference.classify</c> job that points at it, submitted together with the image stored as its blob.
/// </summary>
internal sealed class ClassifyGateway(JobGateway jobs, ImageIntake intake, ClusterKinds kinds)
{
    private const string NoModel =
        "No live member can classify images now: none runs a model. Start the seed or a worker node with --model PATH.onnx (and --labels PATH.txt).";

    /// <summary>The largest upload, in bytes (<c>Images:MaxBytes</c>).</summary>
    public long MaxBytes => intake.MaxBytes;

    /// <summary>400 with the reason when no live member can classify now.</summary>
    public void CheckRunnable()
    {
        if (kinds.DefaultQueueOf(ClassifyJobHandler.JobKind) is null)
        {
            throw RequestRejectedException.Invalid(kinds.Refusal(ClassifyJobHandler.JobKind, NoModel));
        }
    }

    public async Task<JobView> SubmitAsync(ReadOnlyMemory<byte> bytes, int top, TimeSpan? wait, CancellationToken cancellationToken)
    {
        var image = intake.Prepare(bytes);
        var payload = new ClassifyJobPayload { Input = image.Id, Top = top };
        var submitted = await intake.SubmitAsync(jobs, new SubmitJobRequest
        {
            Kind = ClassifyJobHandler.JobKind,
            Payload = JsonSerializer.SerializeToElement(payload, WireJsonContext.Default.ClassifyJobPayload),
        }, image, cancellationToken);
        return await jobs.GetAsync(submitted.Id, wait, cancellationToken);
    }
}
