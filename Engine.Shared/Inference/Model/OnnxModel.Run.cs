using Microsoft.ML.OnnxRuntime;

namespace ActorQueue.Inference.Model;

/// <summary>
/// Running the session without allocating: the images are written into the pinned input buffer, the
/// scores land in the pinned output buffer, and the <see cref="OrtValue"/>s that describe a batch of each
/// size over those buffers are made once and kept. Cancelling a run sets the <see cref="RunOptions"/>'
/// terminate flag, which ONNX Runtime checks between nodes.
/// </summary>
internal sealed partial class OnnxModel
{
    private readonly float[] _input;
    private readonly float[] _output;
    private readonly OrtValue?[] _inputValues;
    private readonly OrtValue?[] _outputValues;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _runInput = new OrtValue[1];
    private readonly OrtValue[] _runOutput = new OrtValue[1];
    private readonly RunOptions _runOptions = new();

    public Span<float> InputFor(int count)
    {
        CheckCount(count);
        return _input.AsSpan(0, count * Signature.ItemLength);
    }

    public ReadOnlySpan<float> Run(int count, CancellationToken cancellationToken)
    {
        CheckCount(count);
        cancellationToken.ThrowIfCancellationRequested();
        var signature = Signature;
        var runCount = count;
        if (signature.FixedBatch is { } fixedBatch && count != fixedBatch)
        {
            // A model with a fixed batch dimension runs full batches: pad with zeros and drop the extra scores.
            _input.AsSpan(count * signature.ItemLength, (fixedBatch - count) * signature.ItemLength).Clear();
            runCount = fixedBatch;
        }
        _runInput[0] = _inputValues[runCount] ??= OrtValue.CreateTensorValueFromMemory(
            OrtMemoryInfo.DefaultInstance, _input.AsMemory(0, runCount * signature.ItemLength), signature.InputShape(runCount));
        _runOutput[0] = _outputValues[runCount] ??= OrtValue.CreateTensorValueFromMemory(
            OrtMemoryInfo.DefaultInstance, _output.AsMemory(0, runCount * signature.Classes), signature.OutputShape(runCount));
        try
        {
            using (cancellationToken.Register(Terminate))
            {
                _session.Run(_runOptions, _inputNames, _runInput, _outputNames, _runOutput);
            }
        }
        catch (OnnxRuntimeException exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The inference run was cancelled.", exception, cancellationToken);
        }
        catch (OnnxRuntimeException exception)
        {
            throw ModelRunException.From(exception);
        }
        finally
        {
            // The registration is disposed, so the flag can no longer be set behind our back: clear it for the next run.
            if (_runOptions.Terminate)
            {
                _runOptions.Terminate = false;
            }
        }
        return _output.AsSpan(0, count * signature.Classes);
    }

    /// <summary>
    /// Runs <paramref name="count"/> images laid out one after the other in <paramref name="batch"/> and returns
    /// a copy of their scores: a convenience for tests and benchmarks, which copies the images in.
    /// </summary>
    public float[] Run(ReadOnlySpan<float> batch, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (batch.Length != count * Signature.ItemLength)
        {
            throw new ArgumentException($"A batch of {count} needs {count * Signature.ItemLength} floats, not {batch.Length}.", nameof(batch));
        }
        batch.CopyTo(InputFor(count));
        return Run(count, cancellationToken).ToArray();
    }

    private void CheckCount(int count)
    {
        if (count < 1 || count > Capacity)
        {
            throw new ArgumentException(Signature.FixedBatch is { } fixedBatch
                ? $"The model takes batches of exactly {fixedBatch}; {count} images do not fit."
                : $"A run takes 1 to {Capacity} images (the model's MaxBatch), not {count}.", nameof(count));
        }
    }

    /// <summary>
    /// Asks the run in progress to stop. It runs inside <see cref="CancellationTokenSource.Cancel()"/>, possibly
    /// on a timer thread, so it never throws: a failure to set the flag only means the run finishes normally.
    /// </summary>
    private void Terminate()
    {
        try
        {
            _runOptions.Terminate = true;
        }
        catch (OnnxRuntimeException)
        {
            // The run finishes normally.
        }
    }
}
