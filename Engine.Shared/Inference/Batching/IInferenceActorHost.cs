using ActorQueue.Actors;
using ActorQueue.Inference.Model;

namespace ActorQueue.Inference.Batching;

/// <summary>What an inference actor tells its pool: loaded and ready for work, or unable to load.</summary>
internal interface IInferenceActorHost
{
    /// <summary>Loads a session; called by each actor incarnation before it takes work.</summary>
    IInferenceSession LoadSession();

    void ActorReady(IActorRef actor, IInferenceSession session, TimeSpan loadTime);

    /// <summary>
    /// The load failed. <paramref name="permanent"/>: retrying cannot help and the actor stops; otherwise the
    /// supervisor restarts it, with backoff, until its restart budget is spent.
    /// </summary>
    void ActorLoadFailed(IActorRef actor, Exception error, bool permanent);
}
