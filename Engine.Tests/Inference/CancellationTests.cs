using System.Diagnostics;
using ActorQueue.Inference.Model;
using ActorQueue.Tests.Inference.OnnxModels;

namespace ActorQueue.Tests.Inference;

/// <summary>Cancelling a run sets ONNX Runtime's terminate flag: a run of many seconds ends at once.</summary>
[Trait("Category", "Integration")]
public sealed class CancellationTests : IDisposable
{
    private readonly ModelFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Run_CancelledWhileRunning_ThrowsOperationCanceledSoon_AndTheSessionRunsAgain()
    {
        // Uncancelled, one run of this model takes several seconds (200 MatMuls of 1024×1024 on one thread).
        using var model = OnnxModel.Load(ModelFiles.Settings(_files.Write("slow.onnx", TestModels.Slow()), size: 4));
        var image = Tensors.Solid(Tensors.Red, 4);

        var first = Stopwatch.StartNew();
        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Run(() => model.Run(image, 1, cancel.Token)));
        }
        Assert.True(first.Elapsed < TimeSpan.FromSeconds(3), $"the cancelled run took {first.Elapsed}");

        // The terminate flag was cleared: the next run is not stopped before its own cancellation fires.
        var second = Stopwatch.StartNew();
        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(800)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Run(() => model.Run(image, 1, cancel.Token)));
        }
        Assert.True(second.Elapsed >= TimeSpan.FromMilliseconds(700), $"the second run ended after {second.Elapsed}, before its token fired");
    }

    [Fact]
    public void Run_AlreadyCancelled_ThrowsWithoutRunning()
    {
        using var model = OnnxModel.Load(ModelFiles.Settings(_files.Write("colour.onnx", TestModels.ColourClassifier(size: 8L))));

        Assert.Throws<OperationCanceledException>(() => model.Run(Tensors.Solid(Tensors.Red, 8), 1, new CancellationToken(canceled: true)));
    }
}
