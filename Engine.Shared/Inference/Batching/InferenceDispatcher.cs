namespace ActorQueue.Inference.Batching;

/// <summary>
/// Where the inference actors run: a thread of their own each (Akka's <c>PinnedDispatcher</c>). A run blocks its
/// thread for as long as the model computes; on the default dispatcher, which shares the .NET thread pool, a few
/// long runs starve timers, asks and cancellation callbacks (a stopping pool could not terminate its runs for
/// seconds), and the pool's threads would grow by injection under load.
/// </summary>
internal static class InferenceDispatcher
{
    public const string Id = "actorqueue.inference-dispatcher";

    /// <summary>The dispatcher's configuration; every actor system that hosts inference pools includes it.</summary>
    public const string Hocon = """
        actorqueue.inference-dispatcher {
          type = PinnedDispatcher
          executor = fork-join-executor
          throughput = 1
        }
        """;
}
