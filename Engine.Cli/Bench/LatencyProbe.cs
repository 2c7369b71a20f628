using ActorQueue.Cli.Client;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Bench;

/// <summary>
/// Sequential submit-to-result round trips: <c>POST /api/jobs</c>, then one
/// <c>GET /api/jobs/{id}?wait=10</c>. A round trip whose job reached a final state is a sample;
/// one that errored, was not final within the wait, or ended discarded or cancelled is a failure
/// (a final one still counts as a sample).
/// </summary>
internal sealed class LatencyProbe(SeedClient client, BenchSettings settings, TimeProvider time)
{
    public LatencyStats Stats { get; } = new();

    public int Failures { get; private set; }

    public async Task RunAsync(CancellationToken limit)
    {
        var job = new SubmitJobRequest { Kind = settings.Kind, Payload = settings.Payload };
        for (var i = 0; i < settings.LatencyRoundTrips && !limit.IsCancellationRequested; i++)
        {
            var started = time.GetTimestamp();
            try
            {
                var id = (await client.SubmitAsync(job, limit)).Value.Id;
                var state = (await client.GetJobAsync(id, BenchSettings.LatencyWait, limit)).Value.State;
                if (JobStates.IsFinal(state))
                {
                    Stats.Add(time.GetElapsedTime(started).TotalMilliseconds);
                }

                if (state != JobStateName.Completed)
                {
                    Failures++;
                }
            }
            catch (SeedRequestException ex) when (!ex.IsPermanent)
            {
                Failures++;
            }
            catch (SeedClientException ex) when (ex is not SeedRequestException and not SeedUnreachableException)
            {
                Failures++;
            }
        }
    }
}
