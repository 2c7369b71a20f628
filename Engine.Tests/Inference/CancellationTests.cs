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
        // Uncancelled, one run of this model takes several seconds (1,000 MatMuls of 1024×1024 on one thread).
        using var model = OnnxModel.Load(ModelFiles.Settings(_files.Write("slow.onnx", TestModels.Slow()), size: 4));
        var image = Tensors.Solid(Tensors.Red, 4);

        using (var cancel = new CancellationTokenSource())
        {
            var run = RunOnItsOwnThread(model, image, cancel.Token);
            // ONNX Runtime gives no signal once it is inside a run: a short delay is what puts the cancellation
            // mid-run rather than before it (a run cancelled before it starts is Run_AlreadyCancelled's case).
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            Assert.False(run.IsCompleted, "the run ended before it was cancelled");

            // Cancel runs the token's callbacks on this thread: the terminate flag is set before it returns.
            var cancelled = Stopwatch.StartNew();
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
            Assert.True(cancelled.Elapsed < TimeSpan.FromSeconds(3), $"the run ended {cancelled.Elapsed} after it was cancelled");
        }

        // The terminate flag was cleared: the next run is not stopped before its own cancellation comes.
        using (var cancel = new CancellationTokenSource())
        {
            var run = RunOnItsOwnThread(model, image, cancel.Token);
            // The duration is what is tested: a terminate flag left set would end this run within milliseconds.
            await Task.Delay(TimeSpan.FromMilliseconds(800));
            Assert.False(run.IsCompleted, "the second run ended before it was cancelled");
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }
    }

    /// <summary>
    /// A run on a thread of its own, as the engine's inference actors have: the thread pool, which the test's
    /// other waits share with whatever runs beside it, plays no part in when the run starts or ends.
    /// </summary>
    private static Task RunOnItsOwnThread(OnnxModel model, float[] image, CancellationToken cancellationToken)
    {
        var ended = new TaskCompletionSource();
        var thread = new Thread(() =>
        {
            try
            {
                model.Run(image, 1, cancellationToken);
                ended.SetResult();
            }
            catch (Exception exception)
            {
                ended.SetException(exception);
            }
        }) { IsBackground = true, Name = "slow-model-run" };
        thread.Start();
        return ended.Task;
    }

    [Fact]
    public void Run_AlreadyCancelled_ThrowsWithoutRunning()
    {
        using var model = OnnxModel.Load(ModelFiles.Settings(_files.Write("colour.onnx", TestModels.ColourClassifier(size: 8L))));

        Assert.Throws<OperationCanceledException>(() => model.Run(Tensors.Solid(Tensors.Red, 8), 1, new CancellationToken(canceled: true)));
    }
}
