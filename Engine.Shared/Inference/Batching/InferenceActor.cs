using ActorQueue.Actors;
using ActorQueue.Inference.Interop;
using ActorQueue.Inference.Model;

namespace ActorQueue.Inference.Batching;

/// <summary>
/// Owns one model session. Each incarnation loads the model in PreStart, before it takes any work, and
/// announces itself to the pool; it disposes the session in PostStop. A run that fails in a way that
/// leaves the session untrusted is answered and then rethrown, so that the supervisor restarts the actor
/// and the model is loaded afresh. A load that cannot succeed by retrying stops the actor instead.
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
            // Loading again cannot help (missing file, not a classifier, no runtime): stop without the
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
        host.ActorReady(Context.Self, _session.Signature, time.GetElapsedTime(started));
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
            var length = run.Count * _session!.Signature.ItemLength;
            result = BatchResult.Ok(_session.Run(run.Input.AsSpan(0, length), run.Count, run.Cancellation));
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

    private static bool IsPermanent(Exception exception) =>
        exception is ModelLoadException or OnnxRuntimeNotFoundException or InferenceConfigurationException;

    private static bool KeepsSession(Exception exception) =>
        exception is OperationCanceledException or ArgumentException or OnnxRuntimeException { LeavesSessionUsable: true };
}
