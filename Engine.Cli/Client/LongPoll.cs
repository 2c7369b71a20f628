namespace ActorQueue.Cli.Client;

/// <summary>
/// Waits for something the seed can long-poll (a job, a dataset) to reach a final state with a loop
/// of <c>?wait=</c> requests, each at most <see cref="MaxPoll"/> long, until it is final or the
/// budget is used. The loop (rather than one long request) keeps each request well inside the
/// seed's and any proxy's idle timeouts and tolerates a seed that caps its waits.
/// </summary>
internal static class LongPoll
{
    public static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan EarlyAnswerTolerance = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan EarlyAnswerBackoff = TimeSpan.FromMilliseconds(250);

    /// <param name="poll">One request that waits up to the given time for a final state.</param>
    /// <returns>The value as last seen: final, or whatever state it had when the budget ran out.</returns>
    public static async Task<SeedAnswer<T>> UntilFinalAsync<T>(
        Func<TimeSpan, CancellationToken, Task<SeedAnswer<T>>> poll, Func<T, bool> isFinal,
        TimeSpan budget, TimeProvider time, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var remaining = budget - time.GetElapsedTime(started);
            var wait = remaining < MaxPoll ? remaining : MaxPoll;

            // Even with the budget gone, ask once more (wait=0) so the caller sees the latest state.
            var pollStarted = time.GetTimestamp();
            var answer = await poll(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, ct);
            if (isFinal(answer.Value) || time.GetElapsedTime(started) >= budget || wait <= TimeSpan.Zero)
            {
                return answer;
            }

            // A seed that answers a long-poll early with the value still not final would turn this
            // loop into a tight one; space such polls out instead of hammering it.
            if (time.GetElapsedTime(pollStarted) < wait - EarlyAnswerTolerance)
            {
                await Task.Delay(EarlyAnswerBackoff, time, ct);
            }
        }
    }
}
