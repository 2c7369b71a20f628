using System.Text.Json;
using ActorQueue.Inference;
using ActorQueue.Inference.Routing;
using ActorQueue.Jobs;
using ActorQueue.Protocol;

namespace ActorQueue.Seed.Gateway;

/// <summary>
/// <c>POST /api/classify?model=NAME</c>: refused at once, as the engine refuses any kind that no live member
/// can run, when no member has a model to classify with, or when the model named is not served (or none is
/// named among several); otherwise the image checked by <see cref="ImageIntake"/>, then an
/// <c>inference.classify</c> job for that model that points at it, submitted together with the image stored
/// as its blob, on the model's queue.
/// </summary>
internal sealed class ClassifyGateway(JobGateway jobs, ImageIntake intake, ClusterKinds kinds, ClassifyRouter router)
{
    private const string NoModel =
        "No live member can classify images now: none runs a model. Start the seed or a worker node with --models DIR (or --model PATH.onnx with its Inference:Model:* preprocessing).";

    /// <summary>The largest upload, in bytes (<c>Images:MaxBytes</c>).</summary>
    public long MaxBytes => intake.MaxBytes;

    /// <summary>The model the job goes to; 400 with the reason when no live member can classify with it now.</summary>
    public string CheckRunnable(string? model)
    {
        if (kinds.DefaultQueueOf(ClassifyJobHandler.JobKind) is null)
        {
            throw RequestRejectedException.Invalid(kinds.Refusal(ClassifyJobHandler.JobKind, NoModel));
        }
        var (resolved, error) = router.Resolve(model);
        return resolved ?? throw RequestRejectedException.Invalid(error!);
    }

    public async Task<JobView> SubmitAsync(ReadOnlyMemory<byte> bytes, string model, int top, TimeSpan? wait, CancellationToken cancellationToken)
    {
        var image = intake.Prepare(bytes);
        var payload = new ClassifyJobPayload { Input = image.Id, Top = top, Model = model };
        var submitted = await intake.SubmitAsync(jobs, new SubmitJobRequest
        {
            Kind = ClassifyJobHandler.JobKind,
            Payload = JsonSerializer.SerializeToElement(payload, WireJsonContext.Default.ClassifyJobPayload),
        }, image, cancellationToken);
        return await jobs.GetAsync(submitted.Id, wait, cancellationToken);
    }
}
