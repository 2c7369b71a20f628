using Akka.Actor;
using Akka.Pattern;

namespace ActorQueue.Inference.Batching;

/// <summary>
/// One model's inference actors on this node (at <c>/user/inference-NAME</c>): <c>Inference:Actors</c>
/// slots, each an <see cref="InferenceActor"/> under its own <see cref="BackoffSupervisor"/>, so that a model
/// that fails to load or breaks its session is reloaded after 50 ms, then longer pauses up to 10 s, at most
/// <see cref="MaxReloads"/> times in a row (a minute of good running starts the count again). A slot whose
/// supervisor gives up, or whose actor stopped because the model can never load, is gone; when every slot
/// is gone the pool is told, and it fails with one sentence.
/// </summary>
internal sealed class InferenceSlots : ReceiveActor
{
    public const int MaxReloads = 10;

    private int _live;

    public InferenceSlots(Props actor, int count, Action allStopped)
    {
        _live = count;
        for (var i = 0; i < count; i++)
        {
            var options = Backoff.OnFailure(actor, "model", TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10), 0.2, MaxReloads)
                .WithAutoReset(TimeSpan.FromMinutes(1));
            Context.Watch(Context.ActorOf(BackoffSupervisor.Props(options), $"slot-{i}"));
        }
        Receive<Terminated>(_ =>
        {
            if (--_live == 0)
            {
                allStopped();
                Context.Stop(Self);
            }
        });
    }
}
