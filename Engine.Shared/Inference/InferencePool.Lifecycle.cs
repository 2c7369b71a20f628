using ActorQueue.Inference.Batching;
using ActorQueue.Inference.Classification;
using ActorQueue.Inference.Model;
using Akka.Actor;

namespace ActorQueue.Inference;

/// <summary>Starting the actors, hearing from them, failing with one sentence, stopping.</summary>
internal sealed partial class InferencePool
{
    /// <summary>Starts the actors and returns at once: they load the model in the background. Never throws.</summary>
    public Task StartAsync()
    {
        Start();
        return Task.CompletedTask;
    }

    private void Start()
    {
        if (_entry.Settings is not { } settings)
        {
            Fail(_entry.Refusal ?? Named("it was refused."));
            return;
        }
        try
        {
            _labels = settings.LabelsPath is { } labels ? LabelSet.Load(labels) : null;
        }
        catch (InferenceConfigurationException exception)
        {
            Fail(Named(exception.Message));
            return;
        }

        InferenceLog.PoolStarting(_logger, Name, settings.ModelPath, settings.Actors, settings.MaxBatch, settings.MaxDelay.TotalMilliseconds);
        _queue = new BatchQueue(settings.MaxBatch, settings.MaxDelay, _time);
        _batcher = new InferenceBatcher(_queue, _metrics, _time, _logger);
        var actor = Props.Create(() => new InferenceActor(this, _time)).WithDispatcher(InferenceDispatcher.Id);
        var slots = Props.Create(() => new InferenceSlots(actor, settings.Actors, OnAllSlotsStopped));
        lock (_lock)
        {
            _slots = _system.ActorOf(slots, $"inference-{Name}");
        }
    }

    private string Named(string sentence) => $"Model '{Name}': {sentence}";

    void IInferenceActorHost.Loading(IActorRef actor) => Interlocked.Increment(ref _loads);

    IInferenceSession IInferenceActorHost.LoadSession() => _loader(Settings!);

    void IInferenceActorHost.ActorReady(IActorRef actor, IInferenceSession session, TimeSpan loadTime)
    {
        var signature = session.Signature;
        _metrics.ModelLoaded(ok: true);
        InferenceLog.ModelLoaded(_logger, actor.Path.ToStringWithoutAddress(), Name, (long)loadTime.TotalMilliseconds, signature.InputName,
            signature.Layout.ToString().ToUpperInvariant(), signature.Size, signature.Classes, OrtEnvironment.Version);
        if (_labels is { } labels && labels.Count != signature.Classes)
        {
            Fail(Named($"the labels file {Settings!.LabelsPath} names {labels.Count} classes but the model's output has {signature.Classes}; they must match."));
            return;
        }
        var first = false;
        lock (_lock)
        {
            if (_failure is not null)
            {
                return;
            }
            if (_ready.TrySetResult(signature))
            {
                first = true;
                Description = (session.Inputs, session.Outputs);
                if (signature.FixedBatch is { } fixedBatch)
                {
                    _queue!.CapAt(fixedBatch); // e.g. a model exported with batch 1 runs each image alone
                }
                _dispatch = Task.Run(() => _batcher!.RunAsync(signature, _stopping.Token));
            }
        }
        if (first)
        {
            Changed?.Invoke();
        }
        _batcher!.ActorAvailable(actor);
    }

    void IInferenceActorHost.ActorLoadFailed(IActorRef actor, Exception error, bool permanent)
    {
        _metrics.ModelLoaded(ok: false);
        if (permanent)
        {
            // Every actor loads the same file: one that cannot, none can.
            Fail(Named(error.Message));
            return;
        }
        InferenceLog.ModelLoadCrashed(_logger, actor.Path.ToStringWithoutAddress(), error);
    }

    private void OnAllSlotsStopped() =>
        Fail(Named($"every inference actor stopped after {InferenceSlots.MaxReloads} failed reloads in a row."));

    /// <summary>Reports <paramref name="reason"/> once, fails every waiting and future caller with it, and stops the actors.</summary>
    private void Fail(string reason)
    {
        lock (_lock)
        {
            if (_failure is not null)
            {
                return;
            }
            Volatile.Write(ref _failure, reason);
        }
        if (_ready.Task.IsCompleted)
        {
            InferenceLog.PoolFailed(_logger, reason);
        }
        else
        {
            InferenceLog.PoolNotStarted(_logger, reason);
        }
        // Close the queue before anyone hears of the failure: a job handed back must not be claimed again here.
        MarkUnavailable(reason);
        var unavailable = new InferenceUnavailableException(reason);
        _ready.TrySetException(unavailable);
        _stopping.Cancel();
        foreach (var request in _queue?.TakeAll() ?? [])
        {
            request.Fail(unavailable);
        }
        _slots?.Tell(PoisonPill.Instance);
    }

    public async Task StopAsync()
    {
        lock (_lock)
        {
            _failure ??= "The inference pool is stopping.";
        }
        _ready.TrySetException(new InferenceUnavailableException(_failure));
        await _stopping.CancelAsync();
        await _dispatch;
        foreach (var request in _queue?.TakeAll() ?? [])
        {
            request.Fail(new InferenceUnavailableException("The inference pool is stopping."));
        }
        if (_slots is { } slots)
        {
            try
            {
                await slots.GracefulStop(TimeSpan.FromSeconds(10));
            }
            catch (Exception exception) when (exception is TaskCanceledException or AskTimeoutException)
            {
                // The actors are stopping with the actor system anyway.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await StopAsync();
            _stopping.Dispose();
        }
    }
}
