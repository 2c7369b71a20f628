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
/// <c>inference.classify</c> on queue <c>inference</c>: waits until this node's model is loaded, reads the
/// input blob, turns the image into a tensor (<see cref="ImagePreprocessor"/>), runs it in the next batch of
/// the <see cref="InferencePool"/> and answers <see cref="ClassifyJobResult"/>. The image is decoded before it
/// joins a batch, so an image that cannot be decoded never touches the batch it would have joined: its job
/// is discarded at once, saying why, and never retried. When this node cannot classify after all (its model
/// failed to load) the job is handed back, its attempt not counted, for a node that can. Cancelling the job
/// stops the decode, takes the image out of its batch, and ends the run if no other image is left in it.
/// </summary>
internal sealed class ClassifyJobHandler(
    InferencePool pool,
    ImagePreprocessor preprocessor,
    IBlobStore blobs,
    TimeProvider time,
    ILogger<ClassifyJobHandler> logger) : IJobHandler
{
    public const string JobKind = "inference.classify";
    public const string Queue = "inference";
    public const int DefaultTop = 5;
    public const int MaxTop = 1000;

    public string Kind => JobKind;

    public string DefaultQueue => Queue;

    public async ValueTask<JsonElement?> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = JobPayloads.Read(context, WireJsonContext.Default.ClassifyJobPayload, "a classify request", "{input, top?} (POST /api/classify writes it)");
        if (payload.Input is not { Length: > 0 } input)
        {
            throw new JobDiscardException("payload.input (the id of the input blob) is required.");
        }
        var top = payload.Top ?? DefaultTop;
        if (top is < 1 or > MaxTop)
        {
            throw new JobDiscardException($"payload.top must be from 1 to {MaxTop}, not {top}.");
        }

        var signature = await WhenReadyAsync(context, cancellationToken);
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

    /// <summary>The model's signature once loaded (the job waits while it loads); hands the job back when it cannot load here.</summary>
    private async Task<ModelSignature> WhenReadyAsync(JobContext context, CancellationToken cancellationToken)
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
