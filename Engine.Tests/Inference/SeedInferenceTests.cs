using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.Inference.OnnxModels;
using ActorQueue.Inference;

namespace ActorQueue.Tests.Inference;

/// <summary>The inference pool inside a real seed with its embedded worker node.</summary>
[Trait("Category", "Integration")]
public sealed class SeedInferenceTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ASeedWhoseModelCannotLoad_KeepsRunningJobs_AndCountsTheFailedLoad()
    {
        using var files = new ModelFiles();
        var path = files.Write("broken.onnx", TestModels.Garbage());
        await using var seed = await SeedServer.StartAsync([$"--Inference:Model:Path={path}", "--Inference:Actors=1", .. ModelFiles.DeclaredFlags()]);
        var pool = ColourSeed.PoolOf(seed.Services);

        await Assert.ThrowsAsync<InferenceUnavailableException>(() => pool.WhenReadyAsync().WaitAsync(Budget));
        var submitted = await seed.Http.SubmitAsync("""{"kind":"echo","payload":{"still":"working"}}""");
        var job = await seed.Http.WaitFinalAsync(submitted.Id);
        var metrics = await seed.Http.ScrapeAsync();

        Assert.Equal(JobStateName.Completed, job.State);
        Assert.Equal(1, metrics.Value("aq_inference_model_loads_total", ("outcome", "failed")));
    }

    [Fact]
    public async Task ASeedWithAModel_LoadsItAtStart_ClassifiesAndExportsTheBatchSizes()
    {
        using var files = new ModelFiles();
        var model = files.Write("colour.onnx", TestModels.ColourClassifier(size: 8L));
        var labels = files.WriteText("colours.txt", string.Join("\n", TestModels.ColourLabels));
        await using var seed = await SeedServer.StartAsync([$"--Inference:Model:Path={model}", $"--Inference:Model:Labels={labels}", "--Inference:Actors=1", "--Inference:IntraOpThreads=1", .. ModelFiles.DeclaredFlags()]);
        var pool = ColourSeed.PoolOf(seed.Services);

        var signature = await pool.WhenReadyAsync().WaitAsync(Budget);
        var result = await pool.ClassifyAsync(Tensors.Solid(Tensors.Blue, signature.Size), 1, CancellationToken.None).WaitAsync(Budget);
        var metrics = await seed.Http.ScrapeAsync();

        Assert.Equal("blue", Assert.Single(result.Predictions).Label);
        Assert.Equal(1, metrics.Value("aq_inference_batch_size_count"));
        Assert.Equal(1, metrics.Value("aq_inference_batch_size_bucket", ("le", "1")));
        Assert.Equal(1, metrics.Value("aq_inference_model_loads_total", ("outcome", "loaded")));
    }
}
