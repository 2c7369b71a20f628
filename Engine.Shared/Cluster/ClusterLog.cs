using Microsoft.Extensions.Logging;

namespace ActorQueue.Cluster;

/// <summary>Log events of membership. Event ids 6000–6099; the event name is the log's "action".</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(6000, LogLevel.Information, "Member {NodeName} ({NodeId}) joined the cluster", EventName = "MemberJoined")]
    public static partial void Joined(ILogger logger, string nodeName, string nodeId);

    [LoggerMessage(6001, LogLevel.Information, "Member {NodeName} was asked to leave; draining and stopping", EventName = "MemberLeaving")]
    public static partial void AskedToLeave(ILogger logger, string nodeName);

    [LoggerMessage(6002, LogLevel.Critical, "Member {NodeName} was marked down by the cluster; its jobs were taken over, so it stops now", EventName = "MemberDownSelf")]
    public static partial void MarkedDown(ILogger logger, string nodeName);

    [LoggerMessage(6003, LogLevel.Information, "Member {NodeName} left the cluster", EventName = "MemberLeft")]
    public static partial void Left(ILogger logger, string nodeName);

    [LoggerMessage(6004, LogLevel.Error, "Heartbeat failed; the cluster marks this member unreachable if it stays silent", EventName = "HeartbeatFailed")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(6005, LogLevel.Warning, "Member {NodeName} ({NodeId}) is now {Status} (silent for {SilentSeconds:0.0} s)", EventName = "MemberReachability")]
    public static partial void Reachability(ILogger logger, string nodeName, string nodeId, string status, double silentSeconds);

    [LoggerMessage(6006, LogLevel.Information, "{NodeName} now runs the leader duties (rescue, promotion, pruning, membership)", EventName = "LeaderElected")]
    public static partial void BecameLeader(ILogger logger, string nodeName);

    [LoggerMessage(6007, LogLevel.Information, "{NodeName} no longer runs the leader duties", EventName = "LeadershipEnded")]
    public static partial void LeadershipEnded(ILogger logger, string nodeName);

    [LoggerMessage(6008, LogLevel.Error, "Leader election failed; trying again", EventName = "ElectionFailed")]
    public static partial void ElectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(6009, LogLevel.Information, "Member {NodeName} now advertises the job kinds {Kinds}", EventName = "CapabilitiesChanged")]
    public static partial void CapabilitiesChanged(ILogger logger, string nodeName, string kinds);

    [LoggerMessage(6010, LogLevel.Error, "Advertising this member's job kinds failed; the cluster may offer it work it hands back", EventName = "CapabilitiesFailed")]
    public static partial void CapabilitiesFailed(ILogger logger, Exception exception);
}
