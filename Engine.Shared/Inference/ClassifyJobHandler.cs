using System.Text.Json;
using ActorQueue.Imaging;
using ActorQueue.Imaging.Thumbnails;
using ActorQueue.Inference.Model;
using ActorQueue.Inference.Preprocessing;
using ActorQueue.Jobs;
using ActorQueue.Protocol;
using ActorQueue.Storage;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Inference;

/// <summary>
/// <c>inference.classify</c> on the queue of its model (<c>inference.NAME</c>, see <see cref="ModelQueues"/>):
/// waits until this node's session of that model is loaded, reads the input blob, turns the image into a
/// tensor as the model declares (<see cref="ImagePreprocessor"/>), runs it in the next batch of the model's
/// <see cref="InferencePool"/> and answers <see cref="ClassifyJobResult"/>. The image is decoded before it
/// joins a batch, so an image that cannot be decoded never touches the batch it would have joined: its job
/// is discarded at once, saying why, and never retried. When this node cannot classify after all (its model
/// failed to load) the job is handed back, its attempt not counted, for a node that can. Cancelling the job
/// stops the decode, takes the image out of its batch, and ends the run if no other image is left in it.
/// </summary>
internal sealed class ClassifyJobHandler(
    InferenceModels models,
    ImagePreprocessor preprocessor,
    IBlobStore blobs,
    TimeProvider time,
    ILogger<ClassifyJobHandler> logger) : IJobHandler
{
    public const string JobKind = "inference.classify";
    /// <summary>The kind's nominal default queue; every job is routed to its model's queue instead (<see cref="Routing.ClassifyRouter"/>).</summary>
    public const string Queue = "inference";
    public const int DefaultTop = 5;
    public const int MaxTop = 1000;

    public string Kind => JobKind;

    public string DefaultQueue => Queue;

    public async ValueTask<JsonElement?> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = JobPayloads.Read(context, WireJsonContext.Default.ClassifyJobPayload, "a classify request", "{input, model?, top?} (POST /api/classify writes it)");
        if (payload.Input is not { Length: > 0 } input)
        {
            throw new JobDiscardException("payload.input (the id of the input blob) is required.");
        }
        var top = payload.Top ?? DefaultTop;
        if (top is < 1 or > MaxTop)
        {
            throw new JobDiscardException($"payload.top must be from 1 to {MaxTop}, not {top}.");
        }

        var pool = PoolFor(context, payload.Model);
        var signature = await WhenReadyAsync(pool, context, cancellationToken);
        var started = time.GetTimestamp();
        float[] tensor;
        try
        {
            var stored = await blobs.GetBlobAsync(input, cancellationToken)
                ?? throw new ImageInputException($"The input blob {input} does not exist (never stored, or pruned).");
            tensor = preprocessor.ToTensor(stored.Data, PreprocessSpec.From(pool.Settings!, signature), cancellationToken);
        }
        catch (ImageInputException exception)
        {
            InferenceLog.ImageRefused(logger, context.Id, exception.Message);
            throw new JobDiscardException(exception.Message, exception);
        }
        catch (ImagingUnavailableException exception)
        {
            throw HandBack(context, exception); // no libvips here: LibvipsAvailability withholds the kind from now on
        }

        Classification.ClassificationResult result;
        try
        {
            result = await pool.ClassifyAsync(tensor, top, cancellationToken);
        }
        catch (InferenceUnavailableException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw HandBack(context, exception);
        }
        InferenceLog.Classified(logger, context.Id, result.Predictions[0].Label ?? "#" + result.Predictions[0].Index,
            result.Predictions[0].Score, time.GetElapsedTime(started).TotalMilliseconds);
        var view = new ClassifyJobResult(result.Model, result.Predictions.Select(p => new PredictionView(p.Index, p.Label, p.Score)).ToList());
        return JsonSerializer.SerializeToElement(view, WireJsonContext.Default.ClassifyJobResult);
    }

    /// <summary>The pool of the job's model: the model of its queue, which payload.model may name too but not contradict.</summary>
    private InferencePool PoolFor(JobContext context, string? named)
    {
        var model = ModelQueues.ModelOf(context.Queue);
        if (named is { Length: > 0 } && model is not null && named != model)
        {
            throw new JobDiscardException(
                $"payload.model is '{named}' but the job is queued for model '{model}' ({context.Queue}); submit it without a queue, or to {ModelQueues.QueueOf(named)}.");
        }
        model ??= named is { Length: > 0 } ? named
            : throw new JobDiscardException("The job names no model: give payload.model, or submit it with POST /api/classify?model=NAME.");
        return models.Find(model) ?? throw HandBack(context, new InferenceUnavailableException($"Model '{model}' is not served on this node."));
    }

    /// <summary>The model's signature once loaded (the job waits while it loads); hands the job back when it cannot load here.</summary>
    private async Task<ModelSignature> WhenReadyAsync(InferencePool pool, JobContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await pool.WhenReadyAsync(cancellationToken);
        }
        catch (InferenceUnavailableException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw HandBack(context, exception);
        }
    }

    private JobHandBackException HandBack(JobContext context, Exception exception)
    {
        InferenceLog.HandedBack(logger, context.Id, exception.Message);
        return new JobHandBackException(exception.Message, exception);
    }
}
