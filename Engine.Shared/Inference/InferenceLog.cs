using Microsoft.Extensions.Logging;

namespace ActorQueue.Inference;

/// <summary>Log events of the inference pool. Event ids 4000–4099; the event name is the log's "action".</summary>
internal static partial class InferenceLog
{
    [LoggerMessage(4000, LogLevel.Information, "Inference pool starting: model {Model} ({ModelPath}), {Actors} actor(s), batches up to {MaxBatch}, max delay {MaxDelayMs} ms", EventName = "InferencePoolStarting")]
    public static partial void PoolStarting(ILogger logger, string model, string modelPath, int actors, int maxBatch, double maxDelayMs);

    [LoggerMessage(4001, LogLevel.Information, "Inference actor {Path} loaded model {Model} in {LoadMs} ms (input {Input} {Layout} {Size}x{Size}, {Classes} classes, ONNX Runtime {Runtime})", EventName = "ModelLoaded")]
    public static partial void ModelLoaded(ILogger logger, string path, string model, long loadMs, string input, string layout, int size, int classes, string runtime);

    [LoggerMessage(4002, LogLevel.Error, "Inference pool not started: {Reason} The rest of the node keeps working.", EventName = "InferencePoolNotStarted")]
    public static partial void PoolNotStarted(ILogger logger, string reason);

    [LoggerMessage(4003, LogLevel.Error, "Inference actor {Path} could not load its model", EventName = "ModelLoadCrashed")]
    public static partial void ModelLoadCrashed(ILogger logger, string path, Exception exception);

    [LoggerMessage(4004, LogLevel.Warning, "A batch of {Count} failed ({Reason}); its images run again one by one, so that only a bad one fails", EventName = "BatchFailed")]
    public static partial void BatchFailed(ILogger logger, int count, string reason);

    [LoggerMessage(4005, LogLevel.Error, "Inference pool stopped serving: {Reason}", EventName = "InferencePoolFailed")]
    public static partial void PoolFailed(ILogger logger, string reason);

    [LoggerMessage(4006, LogLevel.Warning, "Inference actor {Path} lost its session during a run; it restarts and reloads the model", EventName = "InferenceSessionLost")]
    public static partial void SessionLost(ILogger logger, string path, Exception exception);

    [LoggerMessage(4007, LogLevel.Information, "Job {JobId} discarded: {Reason}", EventName = "ClassifyImageRefused")]
    public static partial void ImageRefused(ILogger logger, string jobId, string reason);

    [LoggerMessage(4008, LogLevel.Debug, "Job {JobId} classified as {Label} ({Score:0.000}) in {Milliseconds:0.0} ms", EventName = "Classified")]
    public static partial void Classified(ILogger logger, string jobId, string label, float score, double milliseconds);

    [LoggerMessage(4009, LogLevel.Warning, "Job {JobId} handed back for another node: {Reason}", EventName = "ClassifyHandedBack")]
    public static partial void HandedBack(ILogger logger, string jobId, string reason);

    [LoggerMessage(4010, LogLevel.Warning, "The queue {Queue} has {Given} actor(s), fewer than its model's MaxBatch = {MaxBatch}; it runs {Used} so that batches can fill", EventName = "InferenceQueueRaised")]
    public static partial void QueueRaised(ILogger logger, string queue, int given, int maxBatch, int used);

    [LoggerMessage(4011, LogLevel.Warning, "Inference:RuntimePath is set ({RuntimePath}) but ignored: ONNX Runtime now comes with the Microsoft.ML.OnnxRuntime package, beside the executable; remove the key", EventName = "RuntimePathIgnored")]
    public static partial void RuntimePathIgnored(ILogger logger, string runtimePath);
}
