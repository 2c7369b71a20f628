using Microsoft.Extensions.Logging;

namespace ActorQueue.Cluster;

/// <summary>Log events of the cluster: membership, the duties singleton, joining. Event ids 6000–6099; the event name is the log's "action".</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(6000, LogLevel.Information, "Member {NodeName} ({NodeId}) is up in the cluster at {Address} with roles {Roles}", EventName = "MemberUpSelf")]
    public static partial void SelfUp(ILogger logger, string nodeName, string nodeId, string address, string roles);

    [LoggerMessage(6001, LogLevel.Information, "Joining the cluster through {SeedNodes}", EventName = "Joining")]
    public static partial void Joining(ILogger logger, string seedNodes);

    [LoggerMessage(6002, LogLevel.Information, "{NodeName} now runs the cluster duties (fencing and rescue, promotion, pruning)", EventName = "DutiesStarted")]
    public static partial void DutiesStarted(ILogger logger, string nodeName);

    [LoggerMessage(6003, LogLevel.Information, "{NodeName} no longer runs the cluster duties", EventName = "DutiesEnded")]
    public static partial void DutiesEnded(ILogger logger, string nodeName);

    [LoggerMessage(6004, LogLevel.Warning, "Member {NodeName} ({NodeId}) {Why}: fenced in the ledger, {Rescued} running job(s) back in the queue", EventName = "MemberFenced")]
    public static partial void MemberFenced(ILogger logger, string nodeName, string nodeId, string why, int rescued);

    [LoggerMessage(6005, LogLevel.Warning, "Fenced members that ran jobs but are not in the cluster; {Rescued} job(s) back in the queue", EventName = "StraysFenced")]
    public static partial void StraysFenced(ILogger logger, int rescued);

    [LoggerMessage(6006, LogLevel.Warning, "Rescued {Count} job(s) whose lease lapsed", EventName = "JobsRescued")]
    public static partial void LapsedRescued(ILogger logger, int count);

    [LoggerMessage(6007, LogLevel.Information, "Pruned {Count} finished job(s) past their retention", EventName = "JobsPruned")]
    public static partial void JobsPruned(ILogger logger, int count);

    [LoggerMessage(6008, LogLevel.Debug, "Promoted {Count} scheduled or retryable job(s)", EventName = "JobsPromoted")]
    public static partial void JobsPromoted(ILogger logger, int count);

    [LoggerMessage(6009, LogLevel.Error, "Cluster duty {Duty} failed; it runs again at its next interval", EventName = "DutyFailed")]
    public static partial void DutyFailed(ILogger logger, string duty, Exception exception);
}
