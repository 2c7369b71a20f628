namespace ActorQueue.Storage;

/// <summary>
/// Takes the signals of this process's commits to the other members of the cluster. Called right after
/// each commit, from whatever thread made it: an implementation must be cheap and must not block.
/// </summary>
internal interface ISignalOutbox
{
    void JobsAvailable(string queue);

    void Changed(JobChange change);

    void CancelRequested(string jobId);

    void ScheduleChanged();

    void DatasetProgressed(string datasetId);
}
