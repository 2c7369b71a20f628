using ActorQueue.Cli.Client;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Bench;

/// <summary>
/// Sends the jobs: <c>Concurrency</c> submitters claim chunks of <c>Batch</c> jobs from a shared
/// counter until all are claimed or the limit fires. <c>--batch 1</c> uses <c>POST /api/jobs</c>
/// per job, anything larger <c>POST /api/jobs/batch</c>. A request that fails transiently (5xx,
/// 408, 429, timeout) counts its jobs as failures and the run goes on; a permanent answer (other
/// 4xx) or an unreachable seed stops the whole run, since every further request would fail alike.
/// </summary>
internal sealed class SubmissionPhase(SeedClient client, BenchSettings settings)
{
    private readonly SubmitJobRequest _job = new() { Kind = settings.Kind, Payload = settings.Payload };
    private long _claimed;

    public async Task<IReadOnlyList<SubmitterTally>> RunAsync(CancellationToken limit)
    {
        var perSubmitter = Math.Max(1, BenchSettings.SampledIds / settings.Concurrency);
        var tallies = Enumerable.Range(0, settings.Concurrency).Select(_ => new SubmitterTally(perSubmitter)).ToArray();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(limit);

        // Submitters return quietly when cancelled, so only the error that stopped the run surfaces here.
        await Task.WhenAll(tallies.Select(t => RunSubmitterAsync(t, abort)));
        return tallies;
    }

    private async Task RunSubmitterAsync(SubmitterTally tally, CancellationTokenSource abort)
    {
        var ct = abort.Token;
        while (!ct.IsCancellationRequested)
        {
            var start = Interlocked.Add(ref _claimed, settings.Batch) - settings.Batch;
            if (start >= settings.Jobs)
            {
                return;
            }

            var count = (int)Math.Min(settings.Batch, settings.Jobs - start);
            try
            {
                await SubmitAsync(tally, count, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (SeedRequestException ex) when (!ex.IsPermanent)
            {
                tally.Fail(count);
            }
            catch (SeedClientException ex) when (ex is not SeedRequestException and not SeedUnreachableException)
            {
                tally.Fail(count);
            }
            catch (SeedClientException)
            {
                abort.Cancel();
                throw;
            }
        }
    }

    private async Task SubmitAsync(SubmitterTally tally, int count, CancellationToken ct)
    {
        if (settings.Batch == 1)
        {
            var answer = await client.SubmitAsync(_job, ct);
            tally.Accept(answer.Value.Id);
            return;
        }

        var batch = new SubmitBatchRequest { Jobs = Enumerable.Repeat(_job, count).ToList() };
        var ids = (await client.SubmitBatchAsync(batch, ct)).Value.Ids;
        foreach (var id in ids)
        {
            tally.Accept(id);
        }

        if (ids.Count < count)
        {
            tally.Fail(count - ids.Count);
        }
    }
}
