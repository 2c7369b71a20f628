using System.Collections;
using ActorQueue.Telemetry;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Logging;

/// <summary>
/// The log scope of work on one job: <c>JobId</c> and <c>TraceId</c> (from the job's stored <c>traceparent</c>),
/// which both log formats write on every line logged inside it, the job's handler's own lines included.
/// </summary>
internal sealed class JobLogScope(string jobId, string? traceId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string JobIdKey = "JobId";
    public const string TraceIdKey = "TraceId";

    public string JobId { get; } = jobId;

    public string? TraceId { get; } = traceId;

    public int Count => TraceId is null ? 1 : 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new(JobIdKey, JobId),
        1 when TraceId is not null => new(TraceIdKey, TraceId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => TraceId is null ? $"JobId:{JobId}" : $"JobId:{JobId} TraceId:{TraceId}";
}

internal static class JobLogScopes
{
    /// <summary>Begins the scope of <paramref name="jobId"/>, submitted under <paramref name="traceParent"/> (may be null).</summary>
    public static IDisposable? BeginJobScope(this ILogger logger, string jobId, string? traceParent) =>
        logger.BeginScope(new JobLogScope(jobId, TraceParents.TraceIdOf(traceParent)));
}
