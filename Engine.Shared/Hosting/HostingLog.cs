using Microsoft.Extensions.Logging;

namespace ActorQueue.Hosting;

/// <summary>Log events of the worker-node host. Event ids 2000–2099; the event name is the log's "action".</summary>
internal static partial class HostingLog
{
    [LoggerMessage(2000, LogLevel.Information, "Node {NodeName} joined as {MemberRole} with pools {Queues}", EventName = "NodeStarted")]
    public static partial void NodeStarted(ILogger logger, string nodeName, string memberRole, string queues);

    [LoggerMessage(2001, LogLevel.Warning, "Marked {Count} earlier member(s) of this embedded store down: their process is gone", EventName = "StaleMembersDown")]
    public static partial void StaleMembersDown(ILogger logger, int count);

    [LoggerMessage(2002, LogLevel.Warning, "Rescued {Count} job(s) whose node stopped renewing its leases", EventName = "JobsRescued")]
    public static partial void JobsRescued(ILogger logger, int count);

    [LoggerMessage(2003, LogLevel.Debug, "Job {JobId} ({Kind}) started on queue {Queue}, attempt {Attempt}", EventName = "JobStarted")]
    public static partial void JobStarted(ILogger logger, string jobId, string kind, string queue, int attempt);

    [LoggerMessage(2004, LogLevel.Debug, "Job {JobId} ({Kind}) on queue {Queue}, attempt {Attempt}: {Outcome}", EventName = "JobFinished")]
    public static partial void JobFinished(ILogger logger, string jobId, string kind, string queue, int attempt, string outcome);

    [LoggerMessage(2005, LogLevel.Warning, "The handler of job {JobId} ({Kind}) threw on attempt {Attempt}; its actor restarts", EventName = "HandlerCrashed")]
    public static partial void HandlerCrashed(ILogger logger, string jobId, string kind, int attempt, Exception exception);

    [LoggerMessage(2006, LogLevel.Warning, "Job {JobId} attempt {Attempt} was taken from this node before it finished; its result is dropped", EventName = "FinishFenced")]
    public static partial void FinishFenced(ILogger logger, string jobId, int attempt);

    [LoggerMessage(2007, LogLevel.Error, "Could not record the end of job {JobId}; it will be rescued when its lease lapses", EventName = "FinishFailed")]
    public static partial void FinishFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(2008, LogLevel.Error, "Claiming from queue {Queue} failed; retrying in a second", EventName = "ClaimFailed")]
    public static partial void ClaimFailed(ILogger logger, string queue, Exception exception);

    [LoggerMessage(2009, LogLevel.Warning, "Queue {Queue}: {Count} job(s) still running after the shutdown deadline; their leases will lapse and they will be rescued", EventName = "DrainIncomplete")]
    public static partial void DrainIncomplete(ILogger logger, string queue, int count);

    [LoggerMessage(2010, LogLevel.Information, "Draining: waiting up to {Seconds} s for {Count} running job(s)", EventName = "NodeDraining")]
    public static partial void NodeDraining(ILogger logger, double seconds, int count);

    [LoggerMessage(2011, LogLevel.Information, "Node {NodeName} left the cluster", EventName = "NodeLeft")]
    public static partial void NodeLeft(ILogger logger, string nodeName);

    [LoggerMessage(2012, LogLevel.Error, "Lease renewal failed; jobs are safe until their leases lapse", EventName = "LeaseRenewalFailed")]
    public static partial void LeaseRenewalFailed(ILogger logger, Exception exception);

    [LoggerMessage(2013, LogLevel.Warning, "Job {JobId} was lost by this node (rescued elsewhere); stopping its attempt", EventName = "LeaseLost")]
    public static partial void LeaseLost(ILogger logger, string jobId);

    [LoggerMessage(2014, LogLevel.Error, "Actor {Path} crashed too often and was stopped; queue {Queue} recreates it", EventName = "ActorEscalated")]
    public static partial void ActorEscalated(ILogger logger, string path, string queue, Exception exception);

    [LoggerMessage(2015, LogLevel.Error, "Leader duty {Duty} failed; it runs again at its next interval", EventName = "DutyFailed")]
    public static partial void DutyFailed(ILogger logger, string duty, Exception exception);

    [LoggerMessage(2016, LogLevel.Information, "Pruned {Count} finished job(s) past their retention", EventName = "JobsPruned")]
    public static partial void JobsPruned(ILogger logger, int count);

    [LoggerMessage(2017, LogLevel.Debug, "Promoted {Count} scheduled or retryable job(s)", EventName = "JobsPromoted")]
    public static partial void JobsPromoted(ILogger logger, int count);

    [LoggerMessage(2018, LogLevel.Critical, "This member was removed from the cluster and stops now (exit code 1): {Reason}", EventName = "MemberRemovedSelf")]
    public static partial void RemovedFromCluster(ILogger logger, string reason);
}
