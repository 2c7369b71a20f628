using ActorQueue.Cli.Client;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Bench;

/// <summary>
/// Learns when every submitted job is final without polling each one:
/// <list type="number">
/// <item>long-poll (<c>GET ?wait=</c>) the last id of each submitter, then a random sample of ids;</item>
/// <item>sweep for stragglers: for each non-final state ask for the newest job of the bench's kind
/// (<c>GET /api/jobs?state=S&amp;kind=K&amp;limit=1</c>); one whose id is not below the run's smallest
/// id is from this run (ids are UUIDv7, so time-ordered), so long-poll it and sweep again;</item>
/// <item>count this run's failures by paging <c>state=discarded</c> and <c>state=cancelled</c>
/// newest first until the ids fall below the run's smallest id.</item>
/// </list>
/// Jobs of the same kind submitted by someone else during the run look like this run's jobs,
/// which can only make the measured time longer, never shorter.
/// </summary>
internal sealed class CompletionPhase(SeedClient client, BenchSettings settings, TimeProvider time)
{
    private const int FailurePageSize = 500;

    private static readonly TimeSpan ListLagBackoff = TimeSpan.FromMilliseconds(100);

    private static readonly JobStateName[] Unfinished =
        [JobStateName.Available, JobStateName.Scheduled, JobStateName.Running, JobStateName.Retryable];

    /// <summary>Returns once every job of the run is final; throws <see cref="OperationCanceledException"/> when the limit fires first.</summary>
    public async Task WaitAllFinalAsync(IReadOnlyList<SubmitterTally> tallies, CancellationToken limit)
    {
        var watched = tallies.Select(t => t.LastId).Concat(tallies.SelectMany(t => t.Samples)).OfType<string>().Distinct();
        foreach (var id in watched)
        {
            await WaitFinalAsync(id, limit);
        }

        if (MinId(tallies) is not { } minId)
        {
            return;
        }

        var confirmedFinal = new HashSet<string>(StringComparer.Ordinal);
        while (await FindStragglerAsync(minId, limit) is { } straggler)
        {
            if (!confirmedFinal.Add(straggler))
            {
                // The list still shows a job its own route called final: give the seed's list a moment to catch up.
                await Task.Delay(ListLagBackoff, time, limit);
                continue;
            }

            var job = await WaitFinalAsync(straggler, limit);
            if (!JobStates.IsFinal(job.Value.State))
            {
                confirmedFinal.Remove(straggler);
            }
        }
    }

    /// <summary>This run's jobs that ended discarded or cancelled.</summary>
    public async Task<int> CountFailedAsync(IReadOnlyList<SubmitterTally> tallies, CancellationToken limit)
    {
        if (MinId(tallies) is not { } minId)
        {
            return 0;
        }

        var failed = 0;
        foreach (var state in new[] { JobStateName.Discarded, JobStateName.Cancelled })
        {
            string? after = null;
            do
            {
                var page = (await client.ListJobsAsync(new JobListQuery(state, Kind: settings.Kind, Limit: FailurePageSize, After: after), limit)).Value;
                var ours = page.Jobs.TakeWhile(j => string.CompareOrdinal(j.Id, minId) >= 0).Count();
                failed += ours;
                after = ours == page.Jobs.Count ? page.Next : null;
            }
            while (after is not null);
        }

        return failed;
    }

    private static string? MinId(IReadOnlyList<SubmitterTally> tallies) =>
        tallies.Select(t => t.MinId).OfType<string>().Order(StringComparer.Ordinal).FirstOrDefault();

    private async Task<string?> FindStragglerAsync(string minId, CancellationToken limit)
    {
        foreach (var state in Unfinished)
        {
            var page = (await client.ListJobsAsync(new JobListQuery(state, Kind: settings.Kind, Limit: 1), limit)).Value;
            if (page.Jobs.Count > 0 && string.CompareOrdinal(page.Jobs[0].Id, minId) >= 0)
            {
                return page.Jobs[0].Id;
            }
        }

        return null;
    }

    // The limit token bounds the wait; the budget only has to be longer than any limit.
    private Task<SeedAnswer<JobView>> WaitFinalAsync(string id, CancellationToken limit) =>
        JobWaiter.WaitForFinalAsync(client, id, TimeSpan.FromDays(1), time, limit);
}
