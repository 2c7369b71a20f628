namespace ActorQueue.Datasets;

/// <summary>
/// <c>open</c> takes rows; <c>sealed</c> takes no more and completes once every row is processed;
/// <c>completed</c> is final; <c>failed</c> stopped at a rejected row (policy <c>fail</c>) until resumed.
/// </summary>
public enum DatasetStatus
{
    Open,
    Sealed,
    Completed,
    Failed,
}
