using ActorQueue.Akka;
using ActorQueue.Datasets.Entity;
using ActorQueue.Datasets.Persistence;
using ActorQueue.Hosting;
using ActorQueue.Storage;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Datasets.Sharding;

/// <summary>The dataset entities in this member's actor system.</summary>
internal static class DatasetShardingHostingExtensions
{
    /// <summary>
    /// On a worker-role member: the <c>dataset</c> shard region (state store ddata, remember-entities off, the
    /// hand-off stop message <see cref="StopDatasetEntity"/>, passivation by the entities themselves) and the
    /// Akka.Persistence.Sql journal and snapshot store where <see cref="IDatasetStore.Journal"/> says. On any
    /// other member: a proxy to the workers' regions. On every member: the serializer of what entities persist,
    /// and the sweep singleton.
    /// </summary>
    public static AkkaConfigurationBuilder AddDatasets(this AkkaConfigurationBuilder builder, AkkaNodeSettings settings, IServiceProvider provider)
    {
        var options = provider.GetRequiredService<DatasetOptions>();
        var store = provider.GetRequiredService<IDatasetStore>();
        var journal = store.Journal;
        builder
            .WithCustomSerializer("actorqueue-datasets", [typeof(IDatasetPersisted)], system => new DatasetJournalSerializer(system))
            .AddHocon(ActorQueueHocon.Datasets(options, settings.IsWorker, embeddedJournal: journal.ProviderName.StartsWith("SQLite", StringComparison.Ordinal)), HoconAddMode.Prepend);
        if (settings.IsWorker)
        {
            var services = new DatasetEntityServices(store, provider.GetRequiredService<RowProcessorRegistry>(), options,
                provider.GetRequiredService<NodeIdentity>(), provider.GetRequiredService<ILoggerFactory>());
            builder
                .WithSqlPersistence(DatasetJournalOptions.Journal(journal), DatasetJournalOptions.Snapshots(journal))
                // Start the journal and snapshot store (and check their tables) with the node, not with its first
                // entity: a dataset that moves here after a node died does not wait for them.
                .AddStartup((system, _) => global::Akka.Persistence.Persistence.Instance.Apply(system))
                .WithShardRegion<DatasetRegion>(
                    DatasetRegion.TypeName,
                    (_, _, _) => datasetId => DatasetEntity.Props(datasetId, services),
                    new DatasetMessageExtractor(),
                    new ShardOptions
                    {
                        Role = AkkaNodeSettings.WorkerRole,
                        StateStoreMode = StateStoreMode.DData,
                        RememberEntities = false,
                        HandOffStopMessage = StopDatasetEntity.Instance,
                        // Sharding would count only messages from outside; an entity working through a long
                        // dataset hears mostly from itself. It passivates itself when idle (DatasetEntity).
                        ShouldPassivateIdleEntities = false,
                    });
        }
        else
        {
            builder.WithShardRegionProxy<DatasetRegion>(DatasetRegion.TypeName, AkkaNodeSettings.WorkerRole, new DatasetMessageExtractor());
        }
        return builder.WithSingleton<DatasetSweeper>(DatasetSweeper.Name,
            (_, _, resolver) => resolver.Props<DatasetSweeper>(),
            new ClusterSingletonOptions { Role = null },
            createProxyToo: false);
    }
}
