namespace ActorQueue.Seed.Dashboard;

/// <summary>The dashboard's log events (3150–3199).</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(3150, LogLevel.Warning, "The dashboard could not read the store for its snapshot; open pages keep their last one", EventName = "DashboardSnapshotFailed")]
    public static partial void SnapshotFailed(ILogger logger, Exception exception);
}
