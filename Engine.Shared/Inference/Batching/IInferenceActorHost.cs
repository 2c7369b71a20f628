using ActorQueue.Inference.Model;
using Akka.Actor;

namespace ActorQueue.Inference.Batching;

/// <summary>What an inference actor tells its pool: loading, loaded and ready for work, or unable to load.</summary>
internal interface IInferenceActorHost
{
    /// <summary>An incarnation starts loading (the first, or a reload after a failure).</summary>
    void Loading(IActorRef actor);

    /// <summary>Loads a session; called by each actor incarnation before it takes work.</summary>
    IInferenceSession LoadSession();

    void ActorReady(IActorRef actor, IInferenceSession session, TimeSpan loadTime);

    /// <summary>
    /// The load failed. <paramref name="permanent"/>: retrying cannot help and the actor stops; otherwise its
    /// backoff supervisor loads it again after a pause, until it gives up.
    /// </summary>
    void ActorLoadFailed(IActorRef actor, Exception error, bool permanent);
}
