using System.Threading.Channels;
using ActorQueue.Inference.Model;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Inference.Batching;

/// <summary>
/// The dispatch loop: as soon as an inference actor is free and work is waiting, it takes the next batch
/// from the <see cref="BatchQueue"/> and asks that actor to run it, then goes on to the next free actor
/// without waiting for the run. Batches therefore grow by themselves with the load: requests that arrive
/// while every actor is busy are run together by the next free one. When a batch fails, its requests run
/// again one by one, so that an input that breaks the model fails only its own caller.
/// </summary>
internal sealed class InferenceBatcher(BatchQueue queue, InferenceInstruments metrics, TimeProvider time, ILogger logger)
{
    private readonly Channel<IActorRef> _free = Channel.CreateUnbounded<IActorRef>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>An actor is loaded and idle: it gets the next batch.</summary>
    public void ActorAvailable(IActorRef actor) => _free.Writer.TryWrite(actor);

    public async Task RunAsync(ModelSignature signature, CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                var actor = await _free.Reader.ReadAsync(stopping);
                var batch = await queue.TakeAsync(stopping);
                _ = RunGuardedAsync(actor, batch, signature, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The pool is stopping; it fails whatever is still queued.
        }
    }

    /// <summary>A batch runs unobserved: whatever goes wrong must still answer its callers.</summary>
    private async Task RunGuardedAsync(IActorRef actor, IReadOnlyList<InferenceRequest> batch, ModelSignature signature, CancellationToken stopping)
    {
        try
        {
            await RunBatchAsync(actor, batch, signature, stopping);
        }
        catch (Exception exception)
        {
            foreach (var request in batch)
            {
                request.Fail(new InferenceFailedException($"The batch could not be run: {exception.Message}", exception));
            }
        }
    }

    private async Task RunBatchAsync(IActorRef actor, IReadOnlyList<InferenceRequest> taken, ModelSignature signature, CancellationToken stopping)
    {
        var batch = WithValidLength(taken, signature);
        if (batch.Count == 0)
        {
            ActorAvailable(actor);
            return;
        }
        var started = time.GetTimestamp();
        foreach (var request in batch)
        {
            metrics.Queued(time.GetElapsedTime(request.EnqueuedAt, started));
        }

        BatchResult result;
        try
        {
            // The actor copies the images into its session's own input buffer, reused run after run.
            using var cancellation = new BatchCancellation(batch, stopping);
            // No timeout: an actor always answers a batch before it may fail, and only the pool's stop gives up on it.
            result = await actor.Ask<BatchResult>(new RunBatch(batch, cancellation.Token), stopping);
        }
        catch (OperationCanceledException exception) when (stopping.IsCancellationRequested)
        {
            // The pool stopped before the actor answered.
            Failed(batch, exception, stopping);
            return;
        }

        if (result.Scores is { } scores)
        {
            metrics.BatchRan(batch.Count, time.GetElapsedTime(started));
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Complete(scores[i]);
            }
        }
        else if (result.Error is OperationCanceledException && !stopping.IsCancellationRequested && batch.All(request => request.IsFinished))
        {
            // Every caller gave up and the run was terminated (see BatchCancellation): nobody is left to answer.
        }
        else
        {
            Failed(batch, result.Error!, stopping);
        }
        if (result.SessionLost)
        {
            InferenceLog.SessionLost(logger, actor.Path.ToString(), result.Error!);
        }
        else
        {
            ActorAvailable(actor);
        }
    }

    /// <summary>Requests queued before the model was loaded were not checked yet: a wrong length fails only its caller.</summary>
    private static List<InferenceRequest> WithValidLength(IReadOnlyList<InferenceRequest> taken, ModelSignature signature)
    {
        var valid = new List<InferenceRequest>(taken.Count);
        foreach (var request in taken)
        {
            try
            {
                InferencePool.CheckLength(request.Input, signature);
                valid.Add(request);
            }
            catch (ArgumentException exception)
            {
                request.Fail(exception);
            }
        }
        return valid;
    }

    private void Failed(IReadOnlyList<InferenceRequest> batch, Exception error, CancellationToken stopping)
    {
        if (stopping.IsCancellationRequested)
        {
            foreach (var request in batch)
            {
                request.Fail(new InferenceUnavailableException("The inference pool stopped while the image was being classified."));
            }
        }
        else if (batch.Count > 1)
        {
            InferenceLog.BatchFailed(logger, batch.Count, error.Message);
            queue.Requeue(batch, alone: true);
        }
        else
        {
            batch[0].Fail(new InferenceFailedException($"The model failed on this input: {error.Message}", error));
        }
    }
}
