using Microsoft.Extensions.Logging;

namespace ActorQueue.Hosting;

/// <summary>
/// Log events of the node host. Event ids 2000–2099 (2000–2017 were the home-made cluster's: never reuse them); the
/// event name is the log's "action".
/// </summary>
internal static partial class HostingLog
{
    [LoggerMessage(2018, LogLevel.Critical, "This member was removed from the cluster and stops now (exit code 1): {Reason}", EventName = "MemberRemovedSelf")]
    public static partial void RemovedFromCluster(ILogger logger, string reason);
}
