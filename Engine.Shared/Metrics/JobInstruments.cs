using System.Diagnostics.Metrics;
using ActorQueue.Jobs;

namespace ActorQueue.Metrics;

/// <summary>
/// The job meters (<c>ActorQueue.Jobs</c>): claims, outcomes by kind, end-to-end latency. Readable by any
/// .NET metrics tool; the OpenTelemetry meter provider exports them (Prometheus at <c>/metrics</c>, OTLP when configured).
/// </summary>
public sealed class JobInstruments : IInstruments, IDisposable
{
    public const string MeterName = "ActorQueue.Jobs";

    private readonly Meter _meter = new(MeterName);

    public Meter Meter => _meter;
    private readonly Counter<long> _claimed;
    private readonly Counter<long> _finished;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _submitted;

    public JobInstruments()
    {
        _submitted = _meter.CreateCounter<long>("aq_jobs_submitted", description: "Jobs accepted by this process.");
        _claimed = _meter.CreateCounter<long>("aq_jobs_claimed", description: "Jobs claimed by this node's dispatchers.");
        _finished = _meter.CreateCounter<long>("aq_job_attempts_finished", description: "Attempts finished on this node, by outcome.");
        _latency = _meter.CreateHistogram<double>("aq_job_latency_seconds", unit: "s",
            description: "From enqueue to completion, for completed jobs.");
    }

    public void Submitted(string queue, int count = 1) =>
        _submitted.Add(count, new KeyValuePair<string, object?>("queue", queue));

    public void Claimed(string queue, int count)
    {
        if (count > 0)
        {
            _claimed.Add(count, new KeyValuePair<string, object?>("queue", queue));
        }
    }

    public void Finished(string queue, JobOutcome outcome, TimeSpan sinceEnqueue)
    {
        var name = outcome switch
        {
            JobOutcome.Completed => "completed",
            JobOutcome.Retry => "failed",
            JobOutcome.Discard => "discarded",
            JobOutcome.Cancelled => "cancelled",
            _ => "released",
        };
        _finished.Add(1, new KeyValuePair<string, object?>("queue", queue), new KeyValuePair<string, object?>("outcome", name));
        if (outcome is JobOutcome.Completed)
        {
            _latency.Record(sinceEnqueue.TotalSeconds, new KeyValuePair<string, object?>("queue", queue));
        }
    }

    public void Dispose() => _meter.Dispose();
}
