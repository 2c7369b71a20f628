using System.Net;
using System.Net.Http.Json;
using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.Inference;
using ActorQueue.Tests.Inference.OnnxModels;

namespace ActorQueue.Tests.Cluster;

/// <summary>
/// Classification in cluster mode: a PostgreSQL seed without workers takes the upload, and a worker node
/// started with <c>--model</c> and <c>--labels</c> runs it; until such a node is up, the seed says why it
/// cannot classify.
/// </summary>
[Collection("postgres")]
[Trait("Category", "Cluster")]
public sealed class InferenceClusterTests(PostgresServer server)
{
    [Fact]
    public async Task A_seed_classifies_once_a_node_with_a_model_has_joined_and_that_node_runs_the_job()
    {
        using var files = new ModelFiles();
        var model = files.Write("colour.onnx", TestModels.ColourClassifier(size: 8L));
        var labels = files.WriteText("colours.txt", "0,red\n1,green\n2,blue\n3,black\n");
        var store = server.Url(await server.CreateDatabaseAsync());
        await using var seed = await SeedProcess.StartOnStoreAsync(store);
        var image = ColourImages.Solid(ColourImages.Blue);

        using (var early = await seed.Http.PostClassifyAsync(image))
        {
            Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
            Assert.Contains("none runs a model", (await early.ProblemAsync()).Detail, StringComparison.Ordinal);
        }
        await using var node = NodeProcess.Start(store, "classifier",
            ["--seed", seed.BaseAddress.ToString(), "--queues", "default=2", "--model", model, "--labels", labels,
             .. ColourSeed.PlainScaling, "--Inference:IntraOpThreads=1"]);

        JobView? job = null;
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await seed.Http.PostClassifyAsync(image, "top=1&wait=60");
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                return false; // the node has not joined yet
            }
            job = await response.Content.ReadFromJsonAsync(WireJsonContext.Default.JobView);
            return true;
        }, "the seed to accept classify jobs", () => node.Output);

        var classified = Assert.IsType<JobView>(job);
        Assert.Equal("blue", classified.Best());
        var members = (await seed.Http.GetClusterAsync()).Members;
        var runner = members.Single(m => m.Id == classified.Node);
        Assert.Equal("classifier", runner.Name);
        Assert.True(runner.Queues["inference.colour"] >= 4, $"the node's queue of model colour has {runner.Queues["inference.colour"]} actors");
    }
}
