namespace ActorQueue.Datasets.Sharding;

/// <summary>Process the next batch of rows after the checkpoint (and go on while full batches come back).</summary>
internal sealed class ProcessRows
{
    public static readonly ProcessRows Instance = new();
}

/// <summary>Release the lease at the next batch boundary and stop taking rows; answers when done.</summary>
internal sealed record HandOff(string Reason);

/// <summary>Why a dataset actor is done with its dataset; reported to its region.</summary>
internal enum DatasetActorExit
{
    HandedOff,
    LeaseLost,
    Completed,
    Failed,
}
