using System.Diagnostics;
using ActorQueue.Telemetry;

namespace ActorQueue.Seed.Gateway;

/// <summary>
/// Where a submission came from, for its <c>submit</c> span: over HTTP, ASP.NET Core has already made the
/// request's activity a child of an incoming <c>traceparent</c> header; over TCP, the request line's own
/// <c>traceparent</c> field (<see cref="TraceParent"/>) is the parent.
/// </summary>
internal sealed record SubmitOrigin(string Transport, string? TraceParent)
{
    public static SubmitOrigin Http { get; } = new("http", null);

    public static SubmitOrigin Tcp(string? traceParent) => new("tcp", traceParent);

    /// <summary>The explicit parent context, when a valid <c>traceparent</c> was given.</summary>
    public ActivityContext? Parent { get; } = TraceParents.Parse(TraceParent);
}
