using Akka.Actor;
using Akka.Hosting;

namespace ActorQueue.Datasets.Sharding;

/// <summary>Tells a dataset's entity, wherever the cluster runs it, that it has rows (on ingest, seal and resume).</summary>
internal sealed class DatasetNudges(IRequiredActor<DatasetRegion> region)
{
    /// <summary>Best effort, like every nudge: before the region has started, the sweep finds the dataset instead.</summary>
    public void Nudge(string datasetId)
    {
        IActorRef target;
        try
        {
            target = region.ActorRef;
        }
        catch (MissingActorRegistryEntryException)
        {
            return;
        }
        target.Tell(new NudgeDataset(datasetId));
    }
}
