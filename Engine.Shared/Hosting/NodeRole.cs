namespace ActorQueue.Hosting;

/// <summary>What a process is for: the seed takes work over HTTP and TCP; a worker only runs it.</summary>
public enum NodeRole
{
    Seed,
    Worker,
}
