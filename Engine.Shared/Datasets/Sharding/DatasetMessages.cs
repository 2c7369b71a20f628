using ActorQueue.Akka.Serialization;

namespace ActorQueue.Datasets.Sharding;

/// <summary>A message for one dataset's entity: the shard region routes it by <see cref="DatasetId"/>.</summary>
internal interface IWithDatasetId
{
    string DatasetId { get; }
}

/// <summary>
/// "You have rows": the only message sent to a dataset entity from outside, by the seed on ingest, seal and
/// resume, and by the sweep. It carries nothing the entity relies on (it reads what to do from the ledger), so
/// losing one (a hand-off can drop buffered messages: akka.net #8501, #8572) costs one sweep, and receiving
/// one twice costs nothing.
/// </summary>
internal sealed record NudgeDataset(string DatasetId) : IWithDatasetId, IClusterMessage;

/// <summary>
/// The shard's hand-off stop message (rebalance, a node leaving) and the entity's own passivation message:
/// the entity finishes the batch it is writing, then stops. Sent within one member only.
/// </summary>
internal sealed class StopDatasetEntity
{
    public static readonly StopDatasetEntity Instance = new();

    private StopDatasetEntity()
    {
    }
}
