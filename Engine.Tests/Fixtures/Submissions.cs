using ActorQueue.Jobs;

namespace ActorQueue.Tests.Fixtures;

/// <summary>Short ways to write job submissions in tests.</summary>
internal static class Submissions
{
    public static JobSubmission Echo(string queue = "default", int priority = 0, string? uniqueKey = null,
        DateTimeOffset? runAt = null, int maxAttempts = 3, string payload = "{\"n\":1}") => new()
    {
        Kind = "echo",
        Queue = queue,
        Priority = priority,
        UniqueKey = uniqueKey,
        RunAt = runAt,
        MaxAttempts = maxAttempts,
        Payload = payload,
    };
}
