using System.Text.Json;

namespace ActorQueue.Cli.Bench;

/// <summary>What <c>aq bench</c> does: how many jobs, how they are sent, and its hard time limit.</summary>
internal sealed record BenchSettings(
    int Jobs,
    int Batch,
    int Concurrency,
    string Kind,
    JsonElement? Payload,
    TimeSpan DurationLimit,
    int LatencyRoundTrips,
    int WarmupJobs = 0)
{
    /// <summary>How long one latency round trip waits for its job (<c>GET ?wait=10</c>).</summary>
    public static readonly TimeSpan LatencyWait = TimeSpan.FromSeconds(10);

    /// <summary>Ids checked after the run besides each submitter's last one, spread over the submitters.</summary>
    public const int SampledIds = 64;
}
