using System.Text;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Telemetry;

/// <summary>The dataset shards and entities each node hosts, at <c>/metrics</c> beside the job figures.</summary>
[Trait("Category", "Integration")]
public sealed class ShardMetricsSpecs
{
    [Fact]
    public async Task Metrics_count_the_dataset_shards_and_entities_each_node_hosts()
    {
        await using var seed = await SeedServer.StartAsync(["--name", "metered-seed"]);
        var before = await seed.Http.ScrapeAsync();
        Assert.Equal(0, before.Value("aq_dataset_entities", ("node", "metered-seed")) ?? 0);

        var first = await seed.Http.CreateDatasetAsync(name: "first-season");
        var second = await seed.Http.CreateDatasetAsync(name: "second-season");
        await seed.Http.UploadAsync(first.Id, Games(50));
        await seed.Http.UploadAsync(second.Id, Games(50));
        await Eventually.HoldsAsync(async () => (await seed.Http.GetDatasetAsync(first.Id)).RowsProcessed == 50
            && (await seed.Http.GetDatasetAsync(second.Id)).RowsProcessed == 50, "both datasets to process their rows");

        // Open datasets keep their entities until they passivate; the figures may be up to two seconds old.
        await Eventually.HoldsAsync(async () => (await seed.Http.ScrapeAsync()).Value("aq_dataset_entities", ("node", "metered-seed")) == 2,
            "two dataset entities on the seed's node in /metrics");
        var shards = (await seed.Http.ScrapeAsync()).Value("aq_dataset_shards", ("node", "metered-seed"));
        Assert.InRange(shards ?? 0, 1, 2);
    }

    private static string Games(int rows)
    {
        var csv = new StringBuilder("player,points,rebounds\n");
        for (var i = 1; i <= rows; i++)
        {
            csv.Append('p').Append(i % 7).Append(',').Append(i % 30).Append(',').Append(i % 12).Append('\n');
        }
        return csv.ToString();
    }
}
