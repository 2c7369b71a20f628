using ActorQueue.Actors;
using ActorQueue.Inference.Model;

namespace ActorQueue.Inference.Batching;

/// <summary>
/// Owns one model session and its reused input and output buffers. Each incarnation loads the model in
/// PreStart, before it takes any work, and announces itself to the pool; it disposes the session in
/// PostStop. For a batch it copies the images into the session's input buffer, runs it, and copies each
/// image's scores out. A run that fails in a way that leaves the session untrusted is answered and then
/// rethrown, so that the supervisor restarts the actor and the model is loaded afresh. A load that cannot
/// succeed by retrying stops the actor instead.
/// </summary>
internal sealed class InferenceActor(IInferenceActorHost host, TimeProvider time) : Actor
{
    private IInferenceSession? _session;

    protected internal override Task PreStartAsync()
    {
        var started = time.GetTimestamp();
        try
        {
            _session = host.LoadSession();
        }
        catch (Exception exception) when (IsPermanent(exception))
        {
            // Loading again cannot help (missing file, not a classifier, a refused model): stop without the
            // restart loop, and let the pool report the one sentence.
            host.ActorLoadFailed(Context.Self, exception, permanent: true);
            _ = Context.System.StopAsync(Context.Self);
            return Task.CompletedTask;
        }
        catch (Exception exception)
        {
            host.ActorLoadFailed(Context.Self, exception, permanent: false);
            throw;
        }
        host.ActorReady(Context.Self, _session, time.GetElapsedTime(started));
        return Task.CompletedTask;
    }

    protected internal override Task PostStopAsync()
    {
        _session?.Dispose();
        _session = null;
        return Task.CompletedTask;
    }

    protected internal override Task ReceiveAsync(object message)
    {
        if (message is not RunBatch run)
        {
            return Task.CompletedTask;
        }
        Exception? lost = null;
        BatchResult result;
        try
        {
            result = BatchResult.Ok(Run(_session!, run));
        }
        catch (Exception exception) when (KeepsSession(exception))
        {
            result = BatchResult.Failed(exception, sessionLost: false);
        }
        catch (Exception exception)
        {
            lost = exception;
            result = BatchResult.Failed(exception, sessionLost: true);
        }
        Context.Respond(result);
        return lost is null ? Task.CompletedTask : throw new InferenceSessionLostException(lost);
    }

    private static float[][] Run(IInferenceSession session, RunBatch run)
    {
        var batch = run.Batch;
        var length = session.Signature.ItemLength;
        var input = session.InputFor(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Input.CopyTo(input.Slice(i * length, length));
        }
        var scores = session.Run(batch.Count, run.Cancellation);
        var classes = session.Signature.Classes;
        var answers = new float[batch.Count][];
        for (var i = 0; i < batch.Count; i++)
        {
            answers[i] = scores.Slice(i * classes, classes).ToArray();
        }
        return answers;
    }

    private static bool IsPermanent(Exception exception) =>
        exception is ModelLoadException or InferenceConfigurationException;

    private static bool KeepsSession(Exception exception) =>
        exception is OperationCanceledException or ArgumentException or ModelRunException { LeavesSessionUsable: true };
}
