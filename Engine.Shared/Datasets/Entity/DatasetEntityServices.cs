using ActorQueue.Hosting;
using ActorQueue.Storage;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Datasets.Entity;

/// <summary>What every dataset entity of this member uses: the ledger, the processors, the settings, the logger.</summary>
internal sealed class DatasetEntityServices(IDatasetStore store, RowProcessorRegistry processors, DatasetOptions options, NodeIdentity node, ILoggerFactory loggers)
{
    public IDatasetStore Store { get; } = store;
    public RowProcessorRegistry Processors { get; } = processors;
    public DatasetOptions Options { get; } = options;
    public NodeIdentity Node { get; } = node;
    public ILogger Logger { get; } = loggers.CreateLogger("ActorQueue.Datasets.Entity");
}
