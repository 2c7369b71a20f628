using System.Diagnostics.Metrics;
using ActorQueue.Metrics;

namespace ActorQueue.Inference;

/// <summary>
/// The inference meters (<c>ActorQueue.Inference</c>): the size of every batch actually run, how long runs
/// and queueing take, requests by outcome, model loads. The OpenTelemetry meter provider exports them at
/// <c>/metrics</c>; the batch-size histogram uses power-of-two buckets (its instrument advice).
/// </summary>
public sealed class InferenceInstruments : IInstruments, IDisposable
{
    public const string MeterName = "ActorQueue.Inference";

    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<long> _batchSize;
    private readonly Histogram<double> _runSeconds;
    private readonly Histogram<double> _queueSeconds;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _loads;

    public InferenceInstruments()
    {
        _batchSize = _meter.CreateHistogram("aq_inference_batch_size", unit: "{image}",
            description: "Images per inference run, as run.", tags: null,
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });
        _runSeconds = _meter.CreateHistogram<double>("aq_inference_run_seconds", unit: "s", description: "Duration of one inference run (one batch).");
        _queueSeconds = _meter.CreateHistogram<double>("aq_inference_queue_seconds", unit: "s",
            description: "From a request's arrival at the batcher to the start of its run.");
        _requests = _meter.CreateCounter<long>("aq_inference_requests", description: "Inference requests finished, by outcome.");
        _loads = _meter.CreateCounter<long>("aq_inference_model_loads", description: "Model loads by inference actors, by outcome.");
    }

    public Meter Meter => _meter;

    public void BatchRan(int size, TimeSpan duration)
    {
        _batchSize.Record(size);
        _runSeconds.Record(duration.TotalSeconds);
    }

    public void Queued(TimeSpan wait) => _queueSeconds.Record(wait.TotalSeconds);

    /// <summary>Outcome: <c>completed</c>, <c>failed</c>, <c>cancelled</c> or <c>unavailable</c>.</summary>
    public void RequestFinished(string outcome) => _requests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void ModelLoaded(bool ok) => _loads.Add(1, new KeyValuePair<string, object?>("outcome", ok ? "loaded" : "failed"));

    public void Dispose() => _meter.Dispose();
}
