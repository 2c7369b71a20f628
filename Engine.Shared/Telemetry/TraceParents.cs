using System.Diagnostics;

namespace ActorQueue.Telemetry;

/// <summary>
/// W3C trace context as the ledger keeps it: the <c>traceparent</c> text <c>00-TRACEID-SPANID-FLAGS</c> of the
/// span that submitted a job. Text, not ids, so that any node and any language can read it back.
/// </summary>
public static class TraceParents
{
    /// <summary>The <c>traceparent</c> of <paramref name="activity"/>, or null when there is none (or it is not W3C).</summary>
    public static string? Of(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C } ? activity.Id : null;

    /// <summary>
    /// The context <paramref name="traceParent"/> names (as remote), or null when it is absent or not a valid
    /// <c>traceparent</c>: a malformed value starts no trace rather than failing a submission.
    /// </summary>
    public static ActivityContext? Parse(string? traceParent) =>
        !string.IsNullOrEmpty(traceParent) && ActivityContext.TryParse(traceParent, traceState: null, isRemote: true, out var context)
            ? context
            : null;

    /// <summary>The 32 hex digits of the trace id in <paramref name="traceParent"/>, or null.</summary>
    public static string? TraceIdOf(string? traceParent) => Parse(traceParent)?.TraceId.ToHexString();
}
