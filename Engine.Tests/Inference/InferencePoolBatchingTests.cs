using ActorQueue.Inference;
using ActorQueue.Tests.Inference.OnnxModels;
using ActorQueue.Tests.TestKit;

namespace ActorQueue.Tests.Inference;

/// <summary>The batcher: waiting requests are run together, each caller gets its own answer or its own error.</summary>
[Trait("Category", "Integration")]
public sealed class InferencePoolBatchingTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ConcurrentRequests_RunInFewerBatchesThanRequests_WithTheAnswersOfSingleRuns()
    {
        var script = new SessionScript();
        await using var fixture = new InferencePoolFixture(o => o.MaxBatch = 8, script);
        using var metrics = new MeasuredInstruments(fixture.Metrics);
        await fixture.Pool.StartAsync();
        var images = Enumerable.Range(0, 20).Select(i => Tensors.Noisy(i, InferencePoolFixture.Size)).ToArray();

        // The model is still loading: all twenty queue up, then one actor takes them eight at a time.
        var answers = images.Select(image => fixture.Pool.InferAsync(image, CancellationToken.None)).ToArray();
        script.LoadGate.SetResult();
        var results = await Task.WhenAll(answers).WaitAsync(Budget);

        Assert.Equal([8, 8, 4], script.BatchSizes);
        for (var i = 0; i < images.Length; i++)
        {
            Assert.Equal(fixture.RunDirectly(images[i]), results[i]);
        }
        // The batch-size histogram keeps its power-of-two buckets: one batch of 4, two of 8.
        var (batches, imagesRun, buckets) = metrics.Histogram("aq_inference_batch_size");
        Assert.Equal(3, batches);
        Assert.Equal(20, imagesRun);
        Assert.Equal(1, buckets[4]);
        Assert.Equal(2, buckets[8]);
        Assert.Equal(20, metrics.Counter("aq_inference_requests", ("outcome", "completed")));
    }

    [Fact]
    public async Task AModelExportedWithABatchOfOne_RunsEachWaitingImageAlone_WithoutFailedBatches()
    {
        var script = new SessionScript();
        await using var fixture = new InferencePoolFixture(o => o.MaxBatch = 8, script, model: TestModels.ColourClassifier(batch: 1L, size: 8L));
        await fixture.Pool.StartAsync();

        var answers = new[] { Tensors.Red, Tensors.Green, Tensors.Blue }
            .Select(colour => fixture.Pool.InferAsync(Tensors.Solid(colour, InferencePoolFixture.Size), CancellationToken.None)).ToArray();
        script.LoadGate.SetResult();
        var results = await Task.WhenAll(answers).WaitAsync(Budget);

        Assert.Equal([1, 1, 1], script.BatchSizes);
        Assert.Equal([0, 1, 2], results.Select(scores => Array.IndexOf(scores, scores.Max())));
        Assert.DoesNotContain(fixture.Logs.Entries, entry => entry.EventId.Name == "BatchFailed");
    }

    [Fact]
    public async Task ARequestWhileTheActorIsFree_RunsAtOnceAlone()
    {
        var script = new SessionScript();
        script.LoadGate.SetResult();
        await using var fixture = new InferencePoolFixture(o => o.MaxBatch = 8, script);
        await fixture.StartAsync();

        var scores = await fixture.Pool.InferAsync(Tensors.Solid(Tensors.Blue, InferencePoolFixture.Size), CancellationToken.None).WaitAsync(Budget);

        Assert.Equal([1], script.BatchSizes);
        Assert.Equal(2, Array.IndexOf(scores, scores.Max()));
    }

    [Fact]
    public async Task AnImageThatBreaksItsBatch_FailsOnlyItself()
    {
        var script = new SessionScript();
        await using var fixture = new InferencePoolFixture(o => o.MaxBatch = 8, script);
        await fixture.Pool.StartAsync();
        var images = Enumerable.Range(0, 6).Select(i => Tensors.Noisy(i, InferencePoolFixture.Size)).ToArray();
        images[3][0] = float.NaN;

        var answers = images.Select(image => fixture.Pool.InferAsync(image, CancellationToken.None)).ToArray();
        script.LoadGate.SetResult();
        // Every answer ends (one of them in error) within the budget; the assertions below read them one by one.
        await Task.WhenAll(answers).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(Budget);

        var error = await Assert.ThrowsAsync<InferenceFailedException>(() => answers[3]);
        Assert.Equal("The model failed on this input: item 0 of the batch is not a number", error.Message);
        foreach (var i in new[] { 0, 1, 2, 4, 5 })
        {
            Assert.Equal(fixture.RunDirectly(images[i]), await answers[i]);
        }
        // The batch of six failed on item 3; then each image ran alone.
        Assert.Equal([6, 1, 1, 1, 1, 1, 1], script.BatchSizes);
        Assert.Equal(0, fixture.Pool.Restarts);
    }

    [Fact]
    public async Task ARequestCancelledWhileQueued_IsLeftOutOfTheBatch()
    {
        var script = new SessionScript();
        await using var fixture = new InferencePoolFixture(o => o.MaxBatch = 8, script);
        await fixture.Pool.StartAsync();
        using var cancel = new CancellationTokenSource();

        var kept = fixture.Pool.InferAsync(Tensors.Solid(Tensors.Red, InferencePoolFixture.Size), CancellationToken.None);
        var cancelled = fixture.Pool.InferAsync(Tensors.Solid(Tensors.Green, InferencePoolFixture.Size), cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        script.LoadGate.SetResult();

        Assert.Equal(0, Array.IndexOf(await kept.WaitAsync(Budget), (await kept).Max()));
        Assert.Equal([1], script.BatchSizes);
    }

    [Fact]
    public async Task ATensorOfTheWrongLength_FailsOnlyItsCaller()
    {
        var script = new SessionScript();
        await using var fixture = new InferencePoolFixture(script: script);
        await fixture.Pool.StartAsync();

        var wrong = fixture.Pool.InferAsync(new float[5], CancellationToken.None);
        var right = fixture.Pool.InferAsync(Tensors.Solid(Tensors.Black, InferencePoolFixture.Size), CancellationToken.None);
        script.LoadGate.SetResult();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => wrong.WaitAsync(Budget));
        Assert.StartsWith("The image tensor has 5 floats; the model takes 192 (3×8×8).", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, Array.IndexOf(await right, (await right).Max()));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Pool.InferAsync(new float[5], CancellationToken.None));
    }
}
