using ActorQueue.Cluster;
using ActorQueue.Inference;
using ActorQueue.Inference.Repository;
using ActorQueue.Tests.Inference.OnnxModels;
using ActorQueue.Tests.TestKit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorQueue.Tests.Inference;

/// <summary>
/// What only loading the model reveals: a file that is not ONNX, an input that is not the one declared or
/// not of the declared shape, labels that do not match the classes. Each such model is refused with one
/// sentence naming it, its queue stays closed, and the node's other models serve on.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ModelRepositoryLoadTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Each_model_that_cannot_serve_as_declared_is_refused_with_its_sentence_and_the_good_one_serves()
    {
        using var repository = new TestRepository()
            .With("tint")
            .With("not-onnx", TestModels.Garbage())
            .With("wrong-input", manifest: TestRepository.Manifest(input: "data_0"))
            .With("wrong-size", manifest: TestRepository.Manifest(size: 224))
            .With("wrong-layout", manifest: TestRepository.Manifest(layout: "NHWC"))
            .With("wrong-labels", labels: "red\ngreen\nblue\n");
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        using var metrics = new InferenceInstruments();
        var options = Options.Create(new InferenceOptions { Models = repository.Path, Actors = 1, IntraOpThreads = 1 });
        using var system = InferenceTestSystem.Create();
        await using var models = new InferenceModels(new ModelCatalog(options), options, system, metrics, TimeProvider.System, loggers, SessionLoader.Onnx);

        await models.StartAsync(CancellationToken.None);
        var tint = await models.Find("tint")!.WhenReadyAsync().WaitAsync(Budget);
        async Task<string> RefusalOf(string name) =>
            (await Assert.ThrowsAsync<InferenceUnavailableException>(() => models.Find(name)!.WhenReadyAsync().WaitAsync(Budget))).Message;

        Assert.Equal(4, tint.Classes);
        Assert.StartsWith($"Model 'not-onnx': The model file {repository.FolderOf("not-onnx")}/model.onnx is not a model ONNX Runtime can load: ",
            await RefusalOf("not-onnx"), StringComparison.Ordinal);
        Assert.Equal("Model 'wrong-input': model.json \"input\" is 'data_0', but the model's only input is 'pixels'.", await RefusalOf("wrong-input"));
        Assert.Equal("Model 'wrong-size': The model's input 'pixels' takes 8×8 images (shape [?,3,8,8]), but model.json \"size\" is 224.", await RefusalOf("wrong-size"));
        Assert.Equal(
            "Model 'wrong-layout': The model's input 'pixels' has shape [?,3,8,8], which is not [batch,H,W,3] (NHWC) with 3 colour channels; it looks like NCHW, so set model.json \"layout\" accordingly.",
            await RefusalOf("wrong-layout"));
        Assert.Equal($"Model 'wrong-labels': the labels file {repository.FolderOf("wrong-labels")}/labels.txt names 3 classes but the model's output has 4; they must match.",
            await RefusalOf("wrong-labels"));

        Assert.Null(models.Unavailable); // one model serves, so the node runs the kind
        Assert.Null(models.UnavailableOn("inference.tint"));
        Assert.StartsWith("Model 'wrong-size': ", models.UnavailableOn("inference.wrong-size"), StringComparison.Ordinal);
        Assert.Equal("Model 'elsewhere' is not served on this node.", models.UnavailableOn("inference.elsewhere"));
        Assert.Equal(
            [("not-onnx", ModelRecord.Failed), ("tint", ModelRecord.Ready), ("wrong-input", ModelRecord.Failed), ("wrong-labels", ModelRecord.Failed),
             ("wrong-layout", ModelRecord.Failed), ("wrong-size", ModelRecord.Failed)],
            models.Models.Select(m => (m.Name, m.State)));
        Assert.Equal(5, logs.Entries.Count(e => e.EventId.Name == "InferencePoolNotStarted"));
    }

    [Fact]
    public async Task Inference_RuntimePath_is_ignored_with_one_log_sentence()
    {
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        using var metrics = new InferenceInstruments();
        var options = Options.Create(new InferenceOptions { RuntimePath = "/opt/onnxruntime/libonnxruntime.so.1" });
        using var system = InferenceTestSystem.Create();
        await using var models = new InferenceModels(new ModelCatalog(options), options, system, metrics, TimeProvider.System, loggers, SessionLoader.Onnx);

        await models.StartAsync(CancellationToken.None);

        var entry = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(
            "Inference:RuntimePath is set (/opt/onnxruntime/libonnxruntime.so.1) but ignored: ONNX Runtime now comes with the Microsoft.ML.OnnxRuntime package, beside the executable; remove the key",
            entry.Message);
    }
}
