using System.Net;
using System.Net.Http.Json;
using System.Text;
using ActorQueue.Inference;
using ActorQueue.Protocol;
using ActorQueue.Tests.Cli;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.Inference.OnnxModels;
using Microsoft.Extensions.DependencyInjection;

namespace ActorQueue.Tests.Inference;

/// <summary>
/// A seed started with <c>--models DIR</c> serving several models at once: the demo model <c>colours</c>, the
/// tests' colour classifier as <c>tint</c>, and <c>broken</c>, which is not ONNX. Jobs go to the model they
/// name, on its own queue; <c>GET /api/models</c> and <c>aq models list</c> show each model and where it is loaded.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ModelRepositorySeedTests(ModelRepositorySeedTests.SharedSeed shared) : IClassFixture<ModelRepositorySeedTests.SharedSeed>
{
    private HttpClient Http => shared.Seed.Http;

    [Fact]
    public async Task Each_job_runs_on_the_model_it_names_from_that_models_queue()
    {
        var red = ColourImages.Solid(ColourImages.Red);

        var demo = await Http.ClassifyAsync(red, "model=colours&top=1&wait=20");
        var tint = await Http.ClassifyAsync(ColourImages.Solid(ColourImages.Blue), "model=tint&top=1&wait=20");

        Assert.Equal(("colours", "inference.colours", "red"), (demo.Classification().Model, demo.Queue, demo.Best()));
        Assert.Equal(("tint", "inference.tint", "blue"), (tint.Classification().Model, tint.Queue, tint.Best()));
    }

    [Fact]
    public async Task Without_a_model_among_several_or_with_an_unknown_one_the_seed_answers_400_naming_the_models_served()
    {
        using var unnamed = await Http.PostClassifyAsync(ColourImages.Solid(ColourImages.Red));
        using var unknown = await Http.PostClassifyAsync(ColourImages.Solid(ColourImages.Red), "model=squeezenet&wait=20");
        using var broken = await Http.PostClassifyAsync(ColourImages.Solid(ColourImages.Red), "model=broken&wait=20");
        using var job = await Http.PostAsync("/api/jobs", new StringContent("""{"kind":"inference.classify","payload":{"input":"x","model":"nope"}}""", Encoding.UTF8, "application/json"));

        Assert.All(new[] { unnamed, unknown, broken, job }, response => Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode));
        Assert.Equal("This cluster serves several models (colours, tint); name one with ?model=NAME (aq classify --model NAME, or payload.model).", (await unnamed.ProblemAsync()).Detail);
        Assert.Equal("Unknown model 'squeezenet': it serves colours, tint.", (await unknown.ProblemAsync()).Detail);
        Assert.StartsWith("Model 'broken' is not loaded on any live member (it serves colours, tint); on ", (await broken.ProblemAsync()).Detail, StringComparison.Ordinal);
        Assert.Contains("is not a model ONNX Runtime can load", (await broken.ProblemAsync()).Detail, StringComparison.Ordinal);
        Assert.Equal("Unknown model 'nope': it serves colours, tint.", (await job.ProblemAsync()).Detail);
    }

    [Fact]
    public async Task Api_models_lists_every_model_with_its_input_outputs_labels_batching_and_where_it_is_loaded()
    {
        var list = await Http.GetFromJsonAsync("/api/models", WireJsonContext.Default.ModelListView);
        var self = (await Http.GetClusterAsync()).Members.Single(m => m.Role == "seed");

        Assert.Equal(["broken", "colours", "tint"], list!.Models.Select(m => m.Name));
        var colours = list.Models[1];
        Assert.Equal(("pixels", "NCHW", 32), (colours.Input!.Name, colours.Input.Layout, colours.Input.Size));
        Assert.Equal([-1L, 3, 32, 32], colours.Input.Shape!);
        Assert.Equal(("scores", 8L), (colours.Outputs.Single().Name, colours.Outputs.Single().Shape[1]));
        Assert.Equal(("labels.txt", 8), (colours.Labels!.File, colours.Labels.Count));
        Assert.Equal((8, 0.0), (colours.Batching!.MaxBatch, colours.Batching.MaxDelayMs));
        Assert.Equal([(self.Id, self.Name, "ready")], colours.Nodes.Select(n => (n.Id, n.Name, n.State)));
        Assert.Equal((4, 4), (list.Models[2].Labels!.Count, list.Models[2].Batching!.MaxBatch));
        var failed = Assert.Single(list.Models[0].Nodes);
        Assert.Equal("failed", failed.State);
        Assert.StartsWith("Model 'broken': The model file ", failed.Error, StringComparison.Ordinal);
        Assert.True(self.Queues.ContainsKey("inference.colours") && self.Queues.ContainsKey("inference.tint") && !self.Queues.ContainsKey("inference.broken"),
            $"the seed claims from {string.Join(",", self.Queues.Keys)}");
    }

    [Fact]
    public async Task Aq_models_list_prints_each_model_and_its_nodes_and_aq_classify_takes_the_model()
    {
        var seed = shared.Seed.BaseAddress.ToString().TrimEnd('/');
        using var directory = new TempDirectory();
        var photo = directory.File("leaf.png");
        await File.WriteAllBytesAsync(photo, ColourImages.Solid(ColourImages.Green));
        var node = (await Http.GetClusterAsync()).Members.Single(m => m.Role == "seed").Name;

        var table = await CliHarness.RunAsync("models", "list", "--seed", seed);
        var json = await CliHarness.RunAsync("models", "list", "--json", "--seed", seed);
        var classified = await CliHarness.RunAsync("classify", photo, "--model", "tint", "--top", "1", "--seed", seed);
        var unnamed = await CliHarness.RunAsync("classify", photo, "--seed", seed);

        Assert.Equal((0, 0, 0), (table.ExitCode, json.ExitCode, classified.ExitCode));
        var rows = table.Out.Split('\n');
        Assert.Contains(rows, row => row.Contains("│ colours ", StringComparison.Ordinal) && row.Contains("pixels [?,3,32,32] NCHW", StringComparison.Ordinal)
            && row.Contains("8 (labels.txt)", StringComparison.Ordinal) && row.Contains("max 8, delay 0 ms", StringComparison.Ordinal) && row.Contains($"{node} (ready)", StringComparison.Ordinal));
        Assert.Contains(rows, row => row.Contains("│ tint ", StringComparison.Ordinal) && row.Contains($"{node} (ready)", StringComparison.Ordinal));
        Assert.Contains(rows, row => row.StartsWith($"broken on {node}: Model 'broken': The model file ", StringComparison.Ordinal));
        Assert.Equal(["broken", "colours", "tint"], System.Text.Json.JsonDocument.Parse(json.Out).RootElement.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        Assert.Contains("leaf.png (model tint)", classified.Out, StringComparison.Ordinal);
        Assert.Equal(1, unnamed.ExitCode);
        Assert.Contains("name one with ?model=NAME", unnamed.Error, StringComparison.Ordinal);
    }

    /// <summary>One seed serving the repository for the tests of this class.</summary>
    public sealed class SharedSeed : IAsyncLifetime
    {
        private readonly TestRepository _repository = new TestRepository().WithDemo().With("tint").With("broken", TestModels.Garbage());

        public SeedServer Seed { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Seed = await SeedServer.StartAsync(["--models", _repository.Path, "--Inference:Actors=1", "--Inference:IntraOpThreads=1"]);
            var models = Seed.Services.GetRequiredService<InferenceModels>();
            await Task.WhenAll(models.Find("colours")!.WhenReadyAsync(), models.Find("tint")!.WhenReadyAsync()).WaitAsync(TimeSpan.FromSeconds(20));
        }

        public async Task DisposeAsync()
        {
            await Seed.DisposeAsync();
            _repository.Dispose();
        }
    }
}
