using ActorQueue.Protocol;

namespace ActorQueue.Cli.Client;

/// <summary>Waits for a job to reach a final state with <c>GET /api/jobs/{id}?wait=</c> long-polls (see <see cref="LongPoll"/>).</summary>
internal static class JobWaiter
{
    /// <summary>The job as last seen: final, or whatever state it had when the budget ran out.</summary>
    public static Task<SeedAnswer<JobView>> WaitForFinalAsync(
        SeedClient client, string id, TimeSpan budget, TimeProvider time, CancellationToken ct) =>
        LongPoll.UntilFinalAsync((wait, c) => client.GetJobAsync(id, wait, c), job => JobStates.IsFinal(job.State), budget, time, ct);
}
