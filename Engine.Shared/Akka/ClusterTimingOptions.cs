using System.Globalization;

namespace ActorQueue.Akka;

/// <summary>
/// Configuration section <c>Cluster</c>: how fast the cluster notices a dead member and decides about it.
/// The defaults put a killed worker's jobs back in the queue about 6–8 s after the kill (the target is
/// 10 s): the failure detector calls a member unreachable about <see cref="AcceptableHeartbeatPauseSeconds"/>
/// after its last heartbeat, and the split-brain resolver downs it once membership has been stable for
/// <see cref="StableAfterSeconds"/> (Akka's default of 20 s would make that about 45 s).
/// </summary>
public sealed class ClusterTimingOptions
{
    public const string Section = "Cluster";

    /// <summary>How often members heartbeat each other.</summary>
    public double HeartbeatIntervalSeconds { get; set; } = 1;

    /// <summary>
    /// How long a member may be silent before it is unreachable: Akka's default of 3 s, which a full
    /// garbage collection or a busy machine rarely reaches; lower it and a loaded node may be downed alive.
    /// </summary>
    public double AcceptableHeartbeatPauseSeconds { get; set; } = 3;

    /// <summary>How long membership must be unchanged before the split-brain resolver acts.</summary>
    public double StableAfterSeconds { get; set; } = 2;

    /// <summary>How long the first seed waits for an existing cluster to answer before it forms a new one.</summary>
    public double SeedNodeTimeoutSeconds { get; set; } = 3;

    /// <summary>A worker node that cannot join within this time stops with a sentence saying so (exit code 1).</summary>
    public double JoinTimeoutSeconds { get; set; } = 30;

    /// <summary>One sentence per bad value, or null.</summary>
    public string? Problem()
    {
        var problems = new List<string>();
        Check(HeartbeatIntervalSeconds, nameof(HeartbeatIntervalSeconds), 0.05, 60, problems);
        Check(AcceptableHeartbeatPauseSeconds, nameof(AcceptableHeartbeatPauseSeconds), 0.2, 600, problems);
        Check(StableAfterSeconds, nameof(StableAfterSeconds), 0.1, 600, problems);
        Check(SeedNodeTimeoutSeconds, nameof(SeedNodeTimeoutSeconds), 0.5, 600, problems);
        Check(JoinTimeoutSeconds, nameof(JoinTimeoutSeconds), 1, 3600, problems);
        return problems.Count == 0 ? null : string.Join(" ", problems);
    }

    private static void Check(double value, string name, double min, double max, List<string> problems)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Cluster:{name} is {value}; it must be from {min} to {max} seconds."));
        }
    }
}
