using System.Collections.Concurrent;
using ActorQueue.Inference;
using ActorQueue.Inference.Model;

namespace ActorQueue.Tests.Inference;

/// <summary>
/// The test seam of the inference pool: loads the real model through <see cref="OnnxModel"/> and wraps it
/// to count loads, hold the first load until a gate opens (so requests queue up first), record the batch
/// sizes actually run, fail a batch holding a poisoned image (first value NaN) the way a bad input fails a
/// run, and break the session on chosen runs the way a native failure would.
/// </summary>
internal sealed class SessionScript
{
    private int _loads;
    private int _runs;

    /// <summary>Opened by the test; every load waits for it.</summary>
    public TaskCompletionSource LoadGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>1-based run numbers (over all sessions) that break the session.</summary>
    public HashSet<int> BreakOnRuns { get; } = [];

    public int Loads => Volatile.Read(ref _loads);

    /// <summary>Completes when a run begins (before the model runs).</summary>
    public TaskCompletionSource RunStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<int> BatchSizes { get; } = new();

    public Func<InferenceSettings, IInferenceSession> Loader => settings =>
    {
        LoadGate.Task.Wait(TimeSpan.FromSeconds(10));
        var model = OnnxModel.Load(settings);
        Interlocked.Increment(ref _loads);
        return new ScriptedSession(this, model);
    };

    private sealed class ScriptedSession(SessionScript script, OnnxModel model) : IInferenceSession
    {
        public ModelSignature Signature => model.Signature;

        public IReadOnlyList<TensorDescription> Inputs => model.Inputs;

        public IReadOnlyList<TensorDescription> Outputs => model.Outputs;

        public int Capacity => model.Capacity;

        public Span<float> InputFor(int count) => model.InputFor(count);

        public ReadOnlySpan<float> Run(int count, CancellationToken cancellationToken)
        {
            var run = Interlocked.Increment(ref script._runs);
            script.BatchSizes.Enqueue(count);
            script.RunStarted.TrySetResult();
            if (script.BreakOnRuns.Contains(run))
            {
                throw new InvalidOperationException($"run {run} broke the session");
            }
            var batch = model.InputFor(count);
            for (var i = 0; i < count; i++)
            {
                if (float.IsNaN(batch[i * Signature.ItemLength]))
                {
                    throw new ModelRunException(OrtErrorCode.InvalidArgument, $"item {i} of the batch is not a number");
                }
            }
            return model.Run(count, cancellationToken);
        }

        public void Dispose() => model.Dispose();
    }
}
