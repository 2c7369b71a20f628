namespace ActorQueue.Inference.Interop;

/// <summary>Running the session: one float input tensor in, one float output tensor out.</summary>
internal sealed unsafe partial class OrtSession
{
    /// <summary>
    /// Runs the model on <paramref name="input"/> (shape <paramref name="shape"/>) and returns the named
    /// output's values and shape. The input is not copied by ONNX Runtime: it stays pinned until Run
    /// returns. Cancelling <paramref name="cancellationToken"/> sets the run's terminate flag, and the run
    /// then ends with <see cref="OperationCanceledException"/>.
    /// </summary>
    public (float[] Values, long[] Shape) Run(string inputName, ReadOnlySpan<float> input, ReadOnlySpan<long> shape,
        string outputName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var api = OrtRuntime.Api;
        using var session = _session.Lease();
        using var memory = _memoryInfo.Lease();
        using var run = _runOptions.Lease();
        var inName = NullTerminated(inputName);
        var outName = NullTerminated(outputName);
        fixed (float* data = input)
        fixed (long* dims = shape)
        fixed (byte* inNamePtr = inName)
        fixed (byte* outNamePtr = outName)
        {
            nint inputValue;
            api.Check(api.CreateTensorWithDataAsOrtValue(memory.Pointer, data, (nuint)(input.Length * sizeof(float)), dims,
                (nuint)shape.Length, (int)OrtElementType.Float, &inputValue));
            using var inputHandle = new OrtValueHandle(inputValue);
            nint outputValue = 0;
            nint status;
            using (cancellationToken.Register(Terminate))
            {
                status = api.Run(session.Pointer, run.Pointer, &inNamePtr, &inputValue, 1, &outNamePtr, 1, &outputValue);
            }
            using var outputHandle = new OrtValueHandle(outputValue);
            if (cancellationToken.IsCancellationRequested)
            {
                // The registration is disposed, so the flag can no longer be set behind our back: clear it for the next run.
                api.Check(api.RunOptionsUnsetTerminate(run.Pointer));
                if (status != 0)
                {
                    api.ToException(status);
                    throw new OperationCanceledException("The inference run was cancelled.", cancellationToken);
                }
            }
            api.Check(status);
            return ReadFloatTensor(api, outputValue);
        }
    }

    /// <summary>
    /// Asks a run in progress to stop; ONNX Runtime checks the flag between nodes. It runs inside
    /// <see cref="CancellationTokenSource.Cancel()"/>, possibly on a timer thread, so it never throws: a
    /// failure to set the flag only means the run finishes normally.
    /// </summary>
    private void Terminate()
    {
        var api = OrtRuntime.Api;
        using var run = _runOptions.Lease();
        var status = api.RunOptionsSetTerminate(run.Pointer);
        if (status != 0)
        {
            api.ToException(status);
        }
    }

    private static (float[] Values, long[] Shape) ReadFloatTensor(OrtApi api, nint value)
    {
        nint info;
        api.Check(api.GetTensorTypeAndShape(value, &info));
        using var infoHandle = new OrtTensorTypeAndShapeInfoHandle(info);
        var (type, dims) = ReadTypeAndShape(api, info);
        if (type != OrtElementType.Float)
        {
            throw new OnnxRuntimeException(OrtErrorCode.InvalidGraph, $"The model's output is a {type.ToString().ToLowerInvariant()} tensor, not float.");
        }
        long count = 1;
        foreach (var d in dims)
        {
            count *= d;
        }
        void* data;
        api.Check(api.GetTensorMutableData(value, &data));
        return (new ReadOnlySpan<float>(data, checked((int)count)).ToArray(), dims);
    }
}
