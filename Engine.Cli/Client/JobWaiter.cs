using ActorQueue.Protocol;

namespace ActorQueue.Cli.Client;

/// <summary>
/// Waits for a job to reach a final state with a loop of <c>GET /api/jobs/{id}?wait=</c>
/// long-polls, each at most <see cref="MaxPoll"/> long, until the job is final or the budget
/// is used. The loop (rather than one long request) keeps each request well inside the
/// seed's and any proxy's idle timeouts and tolerates a seed that caps its waits.
/// </summary>
internal static class JobWaiter
{
    public static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan EarlyAnswerTolerance = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan EarlyAnswerBackoff = TimeSpan.FromMilliseconds(250);

    /// <summary>The job as last seen: final, or whatever state it had when the budget ran out.</summary>
    public static async Task<SeedAnswer<JobView>> WaitForFinalAsync(
        SeedClient client, string id, TimeSpan budget, TimeProvider time, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var remaining = budget - time.GetElapsedTime(started);
            var poll = remaining < MaxPoll ? remaining : MaxPoll;

            // Even with the budget gone, ask once more (wait=0) so the caller sees the latest state.
            var pollStarted = time.GetTimestamp();
            var answer = await client.GetJobAsync(id, poll > TimeSpan.Zero ? poll : TimeSpan.Zero, ct);
            if (JobStates.IsFinal(answer.Value.State) || time.GetElapsedTime(started) >= budget || poll <= TimeSpan.Zero)
            {
                return answer;
            }

            // A seed that answers a long-poll early with a job still running would turn this loop
            // into a tight one; space such polls out instead of hammering it.
            if (time.GetElapsedTime(pollStarted) < poll - EarlyAnswerTolerance)
            {
                await Task.Delay(EarlyAnswerBackoff, time, ct);
            }
        }
    }
}
