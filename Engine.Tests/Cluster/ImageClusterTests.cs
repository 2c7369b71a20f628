using System.Net.Http.Json;
using ActorQueue.Imaging.Thumbnails;
using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.Imaging;

namespace ActorQueue.Tests.Cluster;

/// <summary>Image jobs in cluster mode: the seed takes the upload, a worker node renders it, PostgreSQL holds the blobs.</summary>
[Collection("postgres")]
[Trait("Category", "Cluster")]
public sealed class ImageClusterTests(PostgresServer server)
{
    [Fact]
    public async Task An_upload_to_the_seed_is_rendered_by_a_worker_node_and_served_from_the_shared_store()
    {
        var store = server.Url(await server.CreateDatabaseAsync());
        await using var seed = await SeedProcess.StartOnStoreAsync(store);
        await using var node = NodeProcess.Start(store, "imager", ["--queues", "image=1", "--seed", seed.BaseAddress.ToString()]);

        // The job waits, available, until the node has joined and claims it.
        var job = await seed.Http.SubmitImageAsync(TestImages.Gradient(900, 600), "sizes=300&format=png&wait=60");

        var output = Assert.Single(job.Thumbnails().Outputs);
        var members = (await seed.Http.GetFromJsonAsync("/api/cluster", WireJsonContext.Default.ClusterView))!.Members;
        Assert.Equal("imager", members.Single(m => m.Id == job.Node).Name);
        var decoded = DecodedImage.From(await seed.Http.GetByteArrayAsync(output.Url));
        Assert.Equal((ImageFormat.Png, 300, 200), (decoded.Format, decoded.Width, decoded.Height));
    }
}
