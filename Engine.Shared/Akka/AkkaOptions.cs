namespace ActorQueue.Akka;

/// <summary>
/// Configuration section <c>Akka</c>: where this process's actor system listens and whom it joins. Flags
/// <c>--akka-host</c>, <c>--akka-port</c>, <c>--akka-public-host</c> and (worker nodes) <c>--seed-node</c>.
/// </summary>
public sealed class AkkaOptions
{
    public const string Section = "Akka";

    /// <summary>The address remoting binds to; <c>0.0.0.0</c> in a container.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The remoting port; unset: 4053 for a seed on PostgreSQL, any free port otherwise.</summary>
    public int? Port { get; set; }

    /// <summary>The host name other members dial (a container's service name); unset: <see cref="Host"/>.</summary>
    public string? PublicHost { get; set; }

    /// <summary>Akka addresses to join, comma-separated (<c>akka.tcp://actorqueue@seed:4053</c>); a worker node's <c>--seed-node</c>.</summary>
    public string? SeedNodes { get; set; }
}
