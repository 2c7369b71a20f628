using ActorQueue.Inference.Model;
using Akka.Actor;

namespace ActorQueue.Inference.Batching;

/// <summary>
/// Owns one model session and its reused input and output buffers. Each incarnation loads the model in
/// <c>PreStart</c>, before it takes any work, and announces itself to the pool; it disposes the session in
/// <c>PostStop</c>. Its parent is a <c>BackoffSupervisor</c> (see <see cref="InferenceSlots"/>): a
/// load that fails, or a run that leaves the session untrusted (answered first, then rethrown), gets the
/// actor recreated after a growing pause and the model loaded afresh. A load that cannot succeed by
/// retrying (missing file, not a classifier) stops the actor instead, and the pool reports the sentence.
/// </summary>
internal sealed class InferenceActor : ReceiveActor
{
    private readonly IInferenceActorHost _host;
    private readonly TimeProvider _time;
    private IInferenceSession? _session;

    public InferenceActor(IInferenceActorHost host, TimeProvider time)
    {
        _host = host;
        _time = time;
        Receive<RunBatch>(Run);
    }

    protected override void PreStart()
    {
        var started = _time.GetTimestamp();
        _host.Loading(Self);
        try
        {
            _session = _host.LoadSession();
        }
        catch (Exception exception) when (IsPermanent(exception))
        {
            _host.ActorLoadFailed(Self, exception, permanent: true);
            Context.Stop(Self);
            return;
        }
        catch (Exception exception)
        {
            _host.ActorLoadFailed(Self, exception, permanent: false);
            throw;
        }
        _host.ActorReady(Self, _session, _time.GetElapsedTime(started));
    }

    protected override void PostStop()
    {
        _session?.Dispose();
        _session = null;
    }

    private void Run(RunBatch run)
    {
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
        Sender.Tell(result);
        if (lost is not null)
        {
            throw new InferenceSessionLostException(lost);
        }
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
