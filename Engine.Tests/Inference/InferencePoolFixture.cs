using ActorQueue.Inference;
using ActorQueue.Inference.Model;
using ActorQueue.Inference.Repository;
using ActorQueue.Tests.Inference.OnnxModels;
using ActorQueue.Tests.TestKit;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Tests.Inference;

/// <summary>An inference pool on the colour classifier (8×8, dynamic batch, its preprocessing declared), with captured logs and metrics.</summary>
internal sealed class InferencePoolFixture : IAsyncDisposable
{
    public const int Size = 8;

    private readonly ModelFiles _files = new();
    private readonly ILoggerFactory _loggers;

    public InferencePoolFixture(Action<InferenceOptions>? configure = null, SessionScript? script = null, TimeProvider? time = null,
        byte[]? model = null, string? labels = null, int size = Size)
    {
        Logs = new CapturingLoggerProvider();
        _loggers = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        ModelPath = _files.Write("colour.onnx", model ?? TestModels.ColourClassifier(size: (long)Size));
        Options = new InferenceOptions { Actors = 1, IntraOpThreads = 1 };
        Options.Model.Path = ModelPath;
        ModelFiles.Declare(Options.Model, size);
        if (labels is not null)
        {
            Options.Model.Labels = _files.WriteText("labels.txt", labels);
        }
        configure?.Invoke(Options);
        Metrics = new InferenceInstruments();
        System = InferenceTestSystem.Create();
        Pool = new InferencePool(ModelCatalog.Read(() => Options).Entries.Single(), System, Metrics, time ?? TimeProvider.System, _loggers, script?.Loader);
    }

    public string ModelPath { get; }

    public InferenceOptions Options { get; }

    public InferenceInstruments Metrics { get; }

    public CapturingLoggerProvider Logs { get; }

    public InferencePool Pool { get; }

    /// <summary>The actor system the pool's actors run in (each process has one; each fixture its own).</summary>
    public ActorSystem System { get; }

    public async Task<ModelSignature> StartAsync()
    {
        await Pool.StartAsync();
        return await Pool.WhenReadyAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>A reference answer: the same model run directly on one image.</summary>
    public float[] RunDirectly(float[] image)
    {
        using var model = OnnxModel.Load(ModelFiles.Settings(ModelPath, o => o.MaxBatch = 1));
        return model.Run(image, 1, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Pool.DisposeAsync();
        await System.Terminate();
        Metrics.Dispose();
        _loggers.Dispose();
        _files.Dispose();
    }
}
