using System.Net;
using System.Text;
using ActorQueue.Inference;
using ActorQueue.Inference.Model;
using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.Inference.OnnxModels;
using ActorQueue.Tests.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace ActorQueue.Tests.Inference;

/// <summary>
/// A seed whose model is missing, corrupt or of the wrong shape keeps serving every other job, refuses
/// classify requests the way it refuses any kind no live member can run (400, saying why), and never takes
/// and loses a classify job: one it took while the model was loading goes back to the queue.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClassifyUnavailableTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    public static TheoryData<string, string> BrokenModels => new()
    {
        { "missing", "The model file {0} does not exist." },
        { "corrupt", "The model file {0} is not a model ONNX Runtime can load" },
        { "one-channel", "has shape [?,1,8,8], which is not [batch,3,H,W] (NCHW) with 3 colour channels" },
    };

    [Theory]
    [MemberData(nameof(BrokenModels))]
    public async Task A_seed_whose_model_cannot_load_serves_other_jobs_and_refuses_classify_with_the_reason(string model, string reason)
    {
        using var files = new ModelFiles();
        var path = model switch
        {
            "missing" => files.PathOf("nowhere.onnx"),
            "corrupt" => files.Write("corrupt.onnx", TestModels.Garbage()),
            _ => files.Write("grey.onnx", TestModels.Channels(1)),
        };
        await using var seed = await SeedServer.StartAsync(["--model", path, .. ModelFiles.DeclaredFlags()]);
        await Assert.ThrowsAsync<InferenceUnavailableException>(() => ColourSeed.PoolOf(seed.Services).WhenReadyAsync().WaitAsync(Budget));
        const string Refusal = "No live member can run 'inference.classify' jobs now. On this node: ";
        var why = string.Format(System.Globalization.CultureInfo.InvariantCulture, reason, path);

        using var upload = await seed.Http.PostClassifyAsync(ColourImages.Solid(ColourImages.Red));
        using var job = await seed.Http.PostAsync("/api/jobs", new StringContent("""{"kind":"inference.classify","payload":{"input":"x"}}""", Encoding.UTF8, "application/json"));
        var echo = await seed.Http.WaitFinalAsync((await seed.Http.SubmitAsync("""{"kind":"echo","payload":{"still":"serving"}}""")).Id);

        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.All(new[] { (await upload.ProblemAsync()).Detail, (await job.ProblemAsync()).Detail }, detail =>
        {
            Assert.StartsWith(Refusal, detail, StringComparison.Ordinal);
            Assert.Contains(why, detail, StringComparison.Ordinal);
        });
        Assert.Equal(HttpStatusCode.BadRequest, job.StatusCode);
        Assert.Equal(JobStateName.Completed, echo.State);
        await Eventually.HoldsAsync(async () => !(await SelfAsync(seed)).Queues.ContainsKey("inference"), "the seed to stop advertising its inference queue");
    }

    [Fact]
    public async Task A_seed_without_a_model_refuses_classify_saying_how_to_give_it_one()
    {
        await using var seed = await SeedServer.StartAsync();

        using var upload = await seed.Http.PostClassifyAsync(ColourImages.Solid(ColourImages.Red));

        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Contains("No model is configured on this node; start it with --model PATH.onnx", (await upload.ProblemAsync()).Detail, StringComparison.Ordinal);
        Assert.False((await SelfAsync(seed)).Queues.ContainsKey("inference"));
    }

    [Fact]
    public async Task A_classify_job_taken_while_the_model_loads_goes_back_to_the_queue_uncounted_when_the_load_fails()
    {
        using var files = new ModelFiles();
        using var load = new TestGate();
        await using var seed = await SeedServer.StartAsync(
            ["--model", files.Write("colour.onnx", TestModels.ColourClassifier(size: 8L)), "--Inference:IntraOpThreads=1", .. ModelFiles.DeclaredFlags()],
            services => services.AddSingleton(new SessionLoader(_ =>
            {
                load.Task.Wait(Budget);
                throw new ModelLoadException("The model file colour.onnx is not a model ONNX Runtime can load: the test says so.");
            })));

        // While the model loads the seed accepts classify jobs, and its worker node takes them and waits.
        var submitted = await seed.Http.ClassifyAsync(ColourImages.Solid(ColourImages.Red), "top=1");
        await Eventually.HoldsAsync(async () => (await seed.Http.GetJobAsync(submitted.Id)).State == JobStateName.Running, "the job to be taken by the worker node");
        load.Open();

        await Eventually.HoldsAsync(async () => (await seed.Http.GetJobAsync(submitted.Id)).State == JobStateName.Available, "the job to be handed back");
        var job = await seed.Http.GetJobAsync(submitted.Id);
        using var refused = await seed.Http.PostClassifyAsync(ColourImages.Solid(ColourImages.Red));

        Assert.Equal((0, 0), (job.Attempt, job.Errors.Count));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("the test says so", (await refused.ProblemAsync()).Detail, StringComparison.Ordinal);
    }

    private static async Task<MemberView> SelfAsync(SeedServer seed) =>
        (await seed.Http.GetClusterAsync()).Members.Single(m => m.Role == "seed" && m.Status == "up");
}
