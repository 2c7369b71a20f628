using Microsoft.Extensions.Logging;

namespace ActorQueue.Metrics;

/// <summary>Log events of the metrics and the telemetry set-up. Event ids 8000–8099; the event name is the log's "action".</summary>
internal static partial class MetricsLog
{
    [LoggerMessage(8000, LogLevel.Warning, "The job counts for /metrics could not be read from the store; aq_jobs is left out until they can", EventName = "JobCountsUnavailable")]
    public static partial void CountsUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(8001, LogLevel.Information, "Exporting traces and metrics over OTLP ({Protocol}) to {Endpoint}", EventName = "OtlpExport")]
    public static partial void OtlpExport(ILogger logger, string protocol, string endpoint);

    [LoggerMessage(8002, LogLevel.Warning, "The dataset shard regions could not be asked for /metrics; aq_dataset_shards and aq_dataset_entities are left out until they answer", EventName = "ShardCountsUnavailable")]
    public static partial void ShardCountsUnavailable(ILogger logger, Exception exception);
}
