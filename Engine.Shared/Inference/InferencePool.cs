using ActorQueue.Inference.Batching;
using ActorQueue.Inference.Classification;
using ActorQueue.Inference.Model;
using ActorQueue.Inference.Repository;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Inference;

/// <summary>
/// One model's inference on this node: <c>Inference:Actors</c> supervised inference actors, each owning one
/// session of the model loaded before it takes work, fed by one dynamic batcher. Callers hand it one
/// preprocessed image tensor each (<see cref="InferAsync"/>, <see cref="ClassifyAsync"/>) from any number of
/// threads; it answers each with its own scores or its own error. <see cref="InferenceModels"/> runs one per
/// served model.
/// </summary>
/// <remarks>
/// The seam for the classify job handler: decode the image and build its tensor to <see cref="WhenReadyAsync"/>'s
/// <see cref="ModelSignature"/> and <see cref="Settings"/> (size, layout, channel order, scale, mean, std,
/// resize), then <see cref="ClassifyAsync"/>. Run the model's queue with several job actors: each one
/// waiting here is what lets batches form. A model that cannot be loaded makes the pool report one sentence
/// naming the model (logged, and the message of the <see cref="InferenceUnavailableException"/> every caller
/// gets) while the rest of the node keeps working.
/// </remarks>
internal sealed partial class InferencePool : IAsyncDisposable, IInferenceActorHost
{
    private readonly ModelEntry _entry;
    private readonly ActorSystem _system;
    private readonly InferenceInstruments _metrics;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly Func<InferenceSettings, IInferenceSession> _loader;
    private readonly TaskCompletionSource<ModelSignature> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private BatchQueue? _queue;
    private InferenceBatcher? _batcher;
    private IActorRef? _slots;
    private LabelSet? _labels;
    private Task _dispatch = Task.CompletedTask;
    private string? _failure;
    private int _loads;
    private int _disposed;

    /// <param name="loader">Opens a session for an actor; <see cref="OnnxModel.Load"/> unless a test substitutes its own.</param>
    public InferencePool(ModelEntry entry, ActorSystem system, InferenceInstruments metrics, TimeProvider time, ILoggerFactory loggers,
        Func<InferenceSettings, IInferenceSession>? loader = null)
    {
        _entry = entry;
        _system = system;
        _metrics = metrics;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<InferencePool>();
        _loader = loader ?? OnnxModel.Load;
        // A pool nobody asks about never awaits readiness: keep its failure from counting as unobserved.
        _ready.Task.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The model's name: what jobs ask for and results report.</summary>
    public string Name => _entry.Name;

    /// <summary>The checked settings; null when the model was refused.</summary>
    public InferenceSettings? Settings => _entry.Settings;

    /// <summary>The labels, once the pool has started; null without a labels file.</summary>
    public LabelSet? Labels => _labels;

    /// <summary>What the first loaded session says about the model's inputs and outputs; null until then.</summary>
    public (IReadOnlyList<TensorDescription> Inputs, IReadOnlyList<TensorDescription> Outputs)? Description { get; private set; }

    /// <summary>Completes when the first actor has loaded the model; fails with <see cref="InferenceUnavailableException"/> when none can.</summary>
    public Task<ModelSignature> WhenReadyAsync(CancellationToken cancellationToken = default) => _ready.Task.WaitAsync(cancellationToken);

    /// <summary>True once the model is loaded and serving.</summary>
    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    /// <summary>Restarts of the inference actors so far (each one reloaded the model).</summary>
    public int Restarts => Math.Max(0, Volatile.Read(ref _loads) - (Settings?.Actors ?? 0));

    /// <summary>
    /// Runs one image (a tensor of <see cref="ModelSignature.ItemLength"/> floats in the model's layout) in the
    /// next batch and returns its scores, one per class. Throws <see cref="InferenceUnavailableException"/>
    /// when the node cannot run the model, <see cref="InferenceFailedException"/> when the model failed on this
    /// input, <see cref="ArgumentException"/> for a tensor of the wrong length.
    /// </summary>
    public async Task<float[]> InferAsync(float[] input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outcome = "failed";
        try
        {
            // While the model loads, requests queue up (the batcher checks their length then); after a
            // failed start they fail at once; once loaded, a tensor of the wrong length fails here.
            if (_queue is null || _ready.Task.IsFaulted)
            {
                await WhenReadyAsync(cancellationToken);
            }
            if (_ready.Task.IsCompletedSuccessfully)
            {
                CheckLength(input, _ready.Task.Result);
            }
            var request = new InferenceRequest(input, _time.GetTimestamp(), cancellationToken);
            request.WatchCancellation();
            _queue!.Enqueue(request);
            if (Volatile.Read(ref _failure) is { } failure)
            {
                // Raced with the pool failing after it emptied the queue.
                request.Fail(new InferenceUnavailableException(failure));
            }
            var scores = await request.Task;
            outcome = "completed";
            return scores;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "cancelled";
            throw;
        }
        catch (InferenceUnavailableException)
        {
            outcome = "unavailable";
            throw;
        }
        finally
        {
            _metrics.RequestFinished(outcome);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="input"/> is one image for <paramref name="signature"/>.</summary>
    internal static void CheckLength(float[] input, ModelSignature signature)
    {
        if (input.Length != signature.ItemLength)
        {
            throw new ArgumentException(
                $"The image tensor has {input.Length} floats; the model takes {signature.ItemLength} (3×{signature.Size}×{signature.Size}).", nameof(input));
        }
    }

    /// <summary><see cref="InferAsync"/>, then the <paramref name="top"/> best classes with their labels.</summary>
    public async Task<ClassificationResult> ClassifyAsync(float[] input, int top, CancellationToken cancellationToken)
    {
        var scores = await InferAsync(input, cancellationToken);
        return new ClassificationResult(Name, TopK.Select(scores, top, _labels, Settings!.Softmax));
    }
}
