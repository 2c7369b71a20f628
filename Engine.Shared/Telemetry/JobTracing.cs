using System.Diagnostics;
using ActorQueue.Jobs;

namespace ActorQueue.Telemetry;

/// <summary>
/// The engine's spans, on one <see cref="ActivitySource"/> named <see cref="SourceName"/>. A job's trace:
/// <list type="bullet">
/// <item><c>submit</c> on the seed (HTTP or TCP), a child of the caller's context when the request carried a
/// <c>traceparent</c>. Its own <c>traceparent</c> is stored with the job in the ledger.</item>
/// <item>per attempt, on whichever node takes the job, in whatever process: <c>claim</c> (from asking the ledger to
/// the answer), <c>run</c> (the handler; spans the handler starts are its children) and <c>complete</c> (the
/// outcome's write), each a child of <c>submit</c>, read back from the ledger.</item>
/// </list>
/// A job stored without a <c>traceparent</c> (submitted straight to the store) gets no worker spans.
/// Attributes follow OpenTelemetry's messaging conventions (<c>messaging.*</c>) plus <c>aq.*</c>.
/// </summary>
public static class JobTracing
{
    /// <summary>The name of the engine's <see cref="ActivitySource"/>: add it to a tracer provider to see its spans.</summary>
    public const string SourceName = "ActorQueue";

    internal static readonly ActivitySource Source = new(SourceName, typeof(JobTracing).Assembly.GetName().Version?.ToString());

    /// <summary>
    /// Starts the <c>submit</c> span: a child of <paramref name="parent"/> when given (a TCP request's
    /// <c>traceparent</c>), else of the current activity (the HTTP request's, which ASP.NET Core parents to an
    /// incoming <c>traceparent</c>). Null when nobody listens.
    /// </summary>
    internal static Activity? StartSubmit(string transport, string nodeId, ActivityContext? parent)
    {
        var activity = parent is { } remote
            ? Source.StartActivity("submit", ActivityKind.Producer, remote)
            : Source.StartActivity("submit", ActivityKind.Producer);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "actorqueue");
            activity.SetTag("messaging.operation.type", "send");
            activity.SetTag("aq.transport", transport);
            activity.SetTag("aq.node.id", nodeId);
        }
        return activity;
    }

    /// <summary>What the submit span learnt once the store answered: the job (or, for a batch, how many).</summary>
    internal static void Submitted(Activity? activity, JobSubmission submission, string id, bool existing)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.destination.name", submission.Queue);
            activity.SetTag("messaging.message.id", id);
            activity.SetTag("aq.job.kind", submission.Kind);
            activity.SetTag("aq.job.existing", existing);
        }
    }

    internal static void SubmittedBatch(Activity? activity, int count)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.batch.message_count", count);
        }
    }

    /// <summary>Marks <paramref name="activity"/> as failed with <paramref name="exception"/>'s message.</summary>
    internal static void Failed(Activity? activity, Exception exception)
    {
        if (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.Message);
            activity.SetTag("error.type", exception.GetType().FullName);
        }
    }

    /// <summary>
    /// Records the <c>claim</c> span of <paramref name="job"/>, from <paramref name="askedAt"/> (when this node
    /// asked the ledger) to now: claims are made in batches, so the span is written once the answer is in.
    /// </summary>
    internal static void Claimed(ClaimedJob job, DateTimeOffset askedAt)
    {
        if (TraceParents.Parse(job.TraceParent) is not { } parent)
        {
            return;
        }
        using var activity = Source.StartActivity("claim", ActivityKind.Consumer, parent, startTime: askedAt);
        if (activity is { IsAllDataRequested: true })
        {
            Describe(activity, job, "receive");
        }
    }

    /// <summary>Starts the <c>run</c> span of an attempt of <paramref name="job"/> (current for the handler's own spans).</summary>
    internal static Activity? StartRun(ClaimedJob job)
    {
        if (TraceParents.Parse(job.TraceParent) is not { } parent)
        {
            return null;
        }
        var activity = Source.StartActivity("run", ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            Describe(activity, job, "process");
        }
        return activity;
    }

    /// <summary>Ends a <c>run</c> span with the attempt's outcome (an error status when the attempt failed).</summary>
    internal static void Ran(Activity? activity, JobOutcome outcome)
    {
        if (activity is null)
        {
            return;
        }
        Outcome(activity, outcome);
        activity.Stop();
    }

    /// <summary>
    /// Records the <c>complete</c> span of <paramref name="job"/>: the write of its outcome, from
    /// <paramref name="sentAt"/> to now; <paramref name="applied"/> is false when the ledger refused it (fenced).
    /// </summary>
    internal static void Completed(ClaimedJob job, JobOutcome outcome, DateTimeOffset sentAt, bool applied)
    {
        if (TraceParents.Parse(job.TraceParent) is not { } parent)
        {
            return;
        }
        using var activity = Source.StartActivity("complete", ActivityKind.Internal, parent, startTime: sentAt);
        if (activity is { IsAllDataRequested: true })
        {
            Describe(activity, job, "settle");
            Outcome(activity, outcome);
            activity.SetTag("aq.job.recorded", applied);
            if (!applied)
            {
                activity.SetStatus(ActivityStatusCode.Error, "the node no longer held the job's claim: its outcome was dropped");
            }
        }
    }

    private static void Describe(Activity activity, ClaimedJob job, string operation)
    {
        activity.SetTag("messaging.system", "actorqueue");
        activity.SetTag("messaging.operation.type", operation);
        activity.SetTag("messaging.destination.name", job.Queue);
        activity.SetTag("messaging.message.id", job.Id);
        activity.SetTag("aq.job.kind", job.Kind);
        activity.SetTag("aq.job.attempt", job.Attempt);
        activity.SetTag("aq.node.id", job.NodeId);
    }

    private static void Outcome(Activity activity, JobOutcome outcome)
    {
        activity.SetTag("aq.job.outcome", OutcomeName(outcome));
        var message = outcome switch
        {
            JobOutcome.Retry retry => retry.Message,
            JobOutcome.Discard discard => discard.Message,
            _ => null,
        };
        if (message is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, message);
        }
    }

    /// <summary>An outcome as logs, spans and metrics name it.</summary>
    internal static string OutcomeName(JobOutcome outcome) => outcome switch
    {
        JobOutcome.Completed => "completed",
        JobOutcome.Retry => "retryable",
        JobOutcome.Discard => "discarded",
        JobOutcome.Cancelled => "cancelled",
        _ => "released",
    };
}
