namespace ActorQueue.Cluster;

/// <summary>Configuration section <c>Cluster</c>: heartbeats and how silence turns into unreachable, then down.</summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>How often each member writes its heartbeat.</summary>
    public double HeartbeatSeconds { get; set; } = 2;

    /// <summary>A member silent this long is marked unreachable (it becomes up again if it speaks).</summary>
    public double UnreachableAfterSeconds { get; set; } = 10;

    /// <summary>A member silent this long is marked down: its jobs are rescued and it is fenced off.</summary>
    public double DownAfterSeconds { get; set; } = 30;

    public TimeSpan Heartbeat => TimeSpan.FromSeconds(HeartbeatSeconds);
}
