using ActorQueue.Inference;
using ActorQueue.Inference.Repository;
using ActorQueue.Tests.Inference.OnnxModels;
using ActorQueue.Tests.TestKit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorQueue.Tests.Inference;

/// <summary>The pool's life: loading before work, reloading after a broken session, failing with one sentence, stopping.</summary>
[Trait("Category", "Integration")]
public sealed class InferencePoolLifecycleTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ARunThatBreaksTheSession_RestartsTheActor_WhichReloadsTheModel_AndTheBatchRunsAgain()
    {
        var script = new SessionScript();
        script.BreakOnRuns.Add(1);
        await using var fixture = new InferencePoolFixture(o => o.MaxBatch = 8, script);
        await fixture.Pool.StartAsync();
        var red = Tensors.Solid(Tensors.Red, InferencePoolFixture.Size);
        var green = Tensors.Solid(Tensors.Green, InferencePoolFixture.Size);

        var answers = new[] { fixture.Pool.InferAsync(red, CancellationToken.None), fixture.Pool.InferAsync(green, CancellationToken.None) };
        script.LoadGate.SetResult();
        var results = await Task.WhenAll(answers).WaitAsync(Budget);

        Assert.Equal(2, script.Loads);
        Assert.Equal(1, fixture.Pool.Restarts);
        Assert.Equal([2, 1, 1], script.BatchSizes);
        Assert.Equal(fixture.RunDirectly(red), results[0]);
        Assert.Equal(fixture.RunDirectly(green), results[1]);
        Assert.Contains(fixture.Logs.Entries, e => e.EventId.Name == "BatchFailed" && e.Message.Contains("run 1 broke the session", StringComparison.Ordinal));
        Assert.Equal(2, fixture.Logs.Entries.Count(e => e.EventId.Name == "ModelLoaded"));
    }

    [Fact]
    public async Task ASingleImageWhoseRunBreaksTheSession_FailsAlone_AndTheNextRequestIsServed()
    {
        var script = new SessionScript();
        script.LoadGate.SetResult();
        script.BreakOnRuns.Add(1);
        await using var fixture = new InferencePoolFixture(script: script);
        await fixture.StartAsync();

        var error = await Assert.ThrowsAsync<InferenceFailedException>(
            () => fixture.Pool.InferAsync(Tensors.Solid(Tensors.Red, InferencePoolFixture.Size), CancellationToken.None).WaitAsync(Budget));
        var next = await fixture.Pool.InferAsync(Tensors.Solid(Tensors.Blue, InferencePoolFixture.Size), CancellationToken.None).WaitAsync(Budget);

        Assert.Equal("The model failed on this input: run 1 broke the session", error.Message);
        Assert.Equal(2, Array.IndexOf(next, next.Max()));
        Assert.Equal(2, script.Loads);
    }

    public static TheoryData<string, byte[]?, string> UnloadableModels => new()
    {
        { "missing", null, "The model file {0} does not exist." },
        { "corrupt", TestModels.Garbage(), "The model file {0} is not a model ONNX Runtime can load: " },
        { "wrong shape", TestModels.Channels(1), "The model's input 'pixels' has shape [?,1,8,8], which is not [batch,3,H,W] (NCHW) with 3 colour channels." },
    };

    [Theory]
    [MemberData(nameof(UnloadableModels))]
    public async Task AModelThatCannotLoad_IsReportedInOneSentence_ToTheLogAndToEveryCaller(string kind, byte[]? contents, string sentence)
    {
        await using var fixture = new InferencePoolFixture(model: contents ?? [0], configure: o => o.Actors = 2);
        if (contents is null)
        {
            File.Delete(fixture.ModelPath);
        }
        var expected = "Model 'colour': " + string.Format(System.Globalization.CultureInfo.InvariantCulture, sentence, fixture.ModelPath);
        await fixture.Pool.StartAsync();

        var error = await Assert.ThrowsAsync<InferenceUnavailableException>(() => fixture.Pool.WhenReadyAsync().WaitAsync(Budget));
        var callerError = await Assert.ThrowsAsync<InferenceUnavailableException>(
            () => fixture.Pool.InferAsync(Tensors.Solid(Tensors.Red, InferencePoolFixture.Size), CancellationToken.None));

        Assert.True(error.Message.StartsWith(expected, StringComparison.Ordinal), $"{kind}: {error.Message}");
        Assert.Equal(error.Message, callerError.Message);
        Assert.DoesNotContain('\n', error.Message);
        var errors = fixture.Logs.Entries.Where(e => e.Level >= LogLevel.Warning).ToList();
        var logged = Assert.Single(errors);
        Assert.Equal(4002, logged.EventId.Id);
        Assert.Null(logged.Exception);
        Assert.Equal($"Inference pool not started: {error.Message} The rest of the node keeps working.", logged.Message);
    }

    [Fact]
    public async Task NoModelConfigured_RunsNothing_AndSaysHowToConfigureOne()
    {
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        using var metrics = new InferenceInstruments();
        var options = Options.Create(new InferenceOptions());
        using var system = InferenceTestSystem.Create();
        await using var models = new InferenceModels(new ModelCatalog(options), options, system, metrics, TimeProvider.System, loggers, SessionLoader.Onnx);
        await models.StartAsync(CancellationToken.None);

        Assert.Empty(models.Pools);
        Assert.Equal("No model is configured on this node; start it with --model PATH.onnx (Inference:Model:Path) or --models DIR (Inference:Models).", models.Unavailable);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task InvalidOptions_AreReported_OneSentencePerProblem()
    {
        await using var fixture = new InferencePoolFixture(o =>
        {
            o.MaxBatch = 0;
            o.Model.Layout = "CHW";
        });
        await fixture.Pool.StartAsync();

        var error = await Assert.ThrowsAsync<InferenceUnavailableException>(() => fixture.Pool.WhenReadyAsync());

        Assert.Equal("Model 'colour': Inference:Model:Layout is 'CHW'; use one of NCHW, NHWC. Inference:MaxBatch is 0; it must be from 1 to 1024.", error.Message);
    }

    [Fact]
    public async Task LabelsThatDoNotMatchTheClasses_StopThePool()
    {
        await using var fixture = new InferencePoolFixture(labels: "red\ngreen\nblue\n");
        await fixture.Pool.StartAsync();

        var error = await Assert.ThrowsAsync<InferenceUnavailableException>(() => fixture.Pool.WhenReadyAsync().WaitAsync(Budget));

        Assert.Equal($"Model 'colour': the labels file {fixture.Options.Model.Labels} names 3 classes but the model's output has 4; they must match.", error.Message);
    }

    [Fact]
    public async Task Classify_ReturnsTheTopClassesWithTheirLabels_AndTheModelName()
    {
        await using var fixture = new InferencePoolFixture(labels: string.Join("\n", TestModels.ColourLabels));
        await fixture.StartAsync();

        var result = await fixture.Pool.ClassifyAsync(Tensors.Solid(Tensors.Red, InferencePoolFixture.Size), 2, CancellationToken.None).WaitAsync(Budget);

        Assert.Equal("colour", result.Model);
        Assert.Equal(2, result.Predictions.Count);
        Assert.Equal((0, "red"), (result.Predictions[0].Index, result.Predictions[0].Label));
        Assert.True(result.Predictions[0].Score > 0.97f);
        Assert.True(result.Predictions[1].Score < 0.01f);
    }

    [Fact]
    public async Task Stop_FailsWaitingRequests_WithASentence()
    {
        var script = new SessionScript();
        var fixture = new InferencePoolFixture(script: script);
        await fixture.Pool.StartAsync();
        var waiting = fixture.Pool.InferAsync(Tensors.Solid(Tensors.Red, InferencePoolFixture.Size), CancellationToken.None);

        var stopping = fixture.Pool.StopAsync();
        var error = await Assert.ThrowsAsync<InferenceUnavailableException>(() => waiting.WaitAsync(Budget));
        script.LoadGate.SetResult();
        await stopping.WaitAsync(Budget);
        await fixture.DisposeAsync();

        Assert.Equal("The inference pool is stopping.", error.Message);
    }

    [Fact]
    public async Task Stop_DuringALongRun_TerminatesIt_AndTellsTheCaller()
    {
        var script = new SessionScript();
        script.LoadGate.SetResult();
        var fixture = new InferencePoolFixture(script: script, model: TestModels.Slow(), size: 4);
        var signature = await fixture.StartAsync();
        var running = fixture.Pool.InferAsync(Tensors.Solid(Tensors.Red, signature.Size), CancellationToken.None);
        await script.RunStarted.Task.WaitAsync(Budget);

        // Uncancelled, this run takes several seconds.
        var stop = System.Diagnostics.Stopwatch.StartNew();
        await fixture.DisposeAsync();
        stop.Stop();

        var error = await Assert.ThrowsAsync<InferenceUnavailableException>(() => running.WaitAsync(Budget));
        Assert.Equal("The inference pool stopped while the image was being classified.", error.Message);
        Assert.True(stop.Elapsed < TimeSpan.FromSeconds(3), $"stopping took {stop.Elapsed}");
    }

    [Fact]
    public async Task MaxDelay_HoldsASmallBatchUntilTheDelayPasses_ButAFullBatchRunsAtOnce()
    {
        var time = new ManualTimeProvider();
        var script = new SessionScript();
        script.LoadGate.SetResult();
        await using var fixture = new InferencePoolFixture(o => { o.MaxBatch = 3; o.MaxDelayMs = 50; }, script, time);
        await fixture.StartAsync();
        var image = Tensors.Solid(Tensors.Green, InferencePoolFixture.Size);

        var lone = fixture.Pool.InferAsync(image, CancellationToken.None);
        await time.WaitForPendingTimersAsync();
        Assert.False(lone.IsCompleted);
        Assert.Empty(script.BatchSizes);
        time.Advance(TimeSpan.FromMilliseconds(50));
        await lone.WaitAsync(Budget);

        var full = Enumerable.Range(0, 3).Select(_ => fixture.Pool.InferAsync(image, CancellationToken.None)).ToArray();
        await Task.WhenAll(full).WaitAsync(Budget);

        Assert.Equal([1, 3], script.BatchSizes);
    }
}
