using ActorQueue.Inference.Batching;
using Akka.Actor;

namespace ActorQueue.Tests.Inference;

/// <summary>A quiet actor system for tests that run inference pools without a whole node.</summary>
internal static class InferenceTestSystem
{
    public static ActorSystem Create() => ActorSystem.Create("inference-test", "akka.loglevel = WARNING\nakka.log-dead-letters = off\n" + InferenceDispatcher.Hocon);
}
