using System.Runtime.InteropServices;
using System.Text;

namespace ActorQueue.Inference.Interop;

/// <summary>
/// One <c>OrtSession</c> with its run options and CPU memory info: created from a model file, describes
/// its inputs and outputs, and runs one float input to one float output. Not thread-safe: one caller at
/// a time (an inference actor owns it). Cancelling a run sets the run options' terminate flag.
/// </summary>
internal sealed unsafe partial class OrtSession : IDisposable
{
    private const int OrtArenaAllocator = 1;
    private const int OrtMemTypeDefault = 0;

    private readonly OrtSessionHandle _session;
    private readonly OrtRunOptionsHandle _runOptions;
    private readonly OrtMemoryInfoHandle _memoryInfo;

    private OrtSession(OrtSessionHandle session, OrtRunOptionsHandle runOptions, OrtMemoryInfoHandle memoryInfo)
    {
        _session = session;
        _runOptions = runOptions;
        _memoryInfo = memoryInfo;
        Inputs = Describe(input: true);
        Outputs = Describe(input: false);
    }

    public IReadOnlyList<OrtTensorInfo> Inputs { get; }

    public IReadOnlyList<OrtTensorInfo> Outputs { get; }

    /// <summary>Creates a session from the model file at <paramref name="modelPath"/> (UTF-8 path); throws <see cref="OnnxRuntimeException"/>.</summary>
    public static OrtSession Create(string modelPath, OrtSessionSettings settings)
    {
        var api = OrtRuntime.Api;
        using var options = CreateOptions(api, settings);
        nint session;
        using (var env = OrtRuntime.Env.Lease())
        using (var opts = options.Lease())
        fixed (byte* path = NullTerminated(modelPath))
        {
            api.Check(api.CreateSession(env.Pointer, path, opts.Pointer, &session));
        }
        var sessionHandle = new OrtSessionHandle(session);
        OrtRunOptionsHandle? runHandle = null;
        try
        {
            nint runOptions, memoryInfo;
            api.Check(api.CreateRunOptions(&runOptions));
            runHandle = new OrtRunOptionsHandle(runOptions);
            api.Check(api.CreateCpuMemoryInfo(OrtArenaAllocator, OrtMemTypeDefault, &memoryInfo));
            return new OrtSession(sessionHandle, runHandle, new OrtMemoryInfoHandle(memoryInfo));
        }
        catch
        {
            runHandle?.Dispose();
            sessionHandle.Dispose();
            throw;
        }
    }

    private static OrtSessionOptionsHandle CreateOptions(OrtApi api, OrtSessionSettings settings)
    {
        nint raw;
        api.Check(api.CreateSessionOptions(&raw));
        var options = new OrtSessionOptionsHandle(raw);
        try
        {
            api.Check(api.SetSessionLogSeverityLevel(raw, 3));
            api.Check(api.SetIntraOpNumThreads(raw, settings.IntraOpThreads));
            api.Check(api.SetInterOpNumThreads(raw, 1));
            api.Check(api.SetSessionGraphOptimizationLevel(raw, settings.GraphOptimizationLevel));
            fixed (byte* key = "session.intra_op.allow_spinning"u8)
            fixed (byte* value = settings.AllowSpinning ? "1"u8 : "0"u8)
            {
                api.Check(api.AddSessionConfigEntry(raw, key, value));
            }
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    internal static byte[] NullTerminated(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    public void Dispose()
    {
        _memoryInfo.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }

    private OrtTensorInfo[] Describe(bool input)
    {
        var api = OrtRuntime.Api;
        using var session = _session.Lease();
        nuint count;
        api.Check(input ? api.SessionGetInputCount(session.Pointer, &count) : api.SessionGetOutputCount(session.Pointer, &count));
        var result = new OrtTensorInfo[(int)count];
        for (nuint i = 0; i < count; i++)
        {
            byte* name;
            api.Check(input
                ? api.SessionGetInputName(session.Pointer, i, OrtRuntime.DefaultAllocator, &name)
                : api.SessionGetOutputName(session.Pointer, i, OrtRuntime.DefaultAllocator, &name));
            string text;
            try
            {
                text = Marshal.PtrToStringUTF8((nint)name) ?? string.Empty;
            }
            finally
            {
                api.Check(api.AllocatorFree(OrtRuntime.DefaultAllocator, name));
            }
            nint typeInfo;
            api.Check(input
                ? api.SessionGetInputTypeInfo(session.Pointer, i, &typeInfo)
                : api.SessionGetOutputTypeInfo(session.Pointer, i, &typeInfo));
            using var typeHandle = new OrtTypeInfoHandle(typeInfo);
            result[(int)i] = ReadTypeInfo(api, text, typeInfo);
        }
        return result;
    }

    private static OrtTensorInfo ReadTypeInfo(OrtApi api, string name, nint typeInfo)
    {
        nint tensorInfo;
        api.Check(api.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo));
        if (tensorInfo == 0)
        {
            return new OrtTensorInfo(name, IsTensor: false, OrtElementType.Undefined, []);
        }
        var (type, dims) = ReadTypeAndShape(api, tensorInfo);
        return new OrtTensorInfo(name, IsTensor: true, type, dims);
    }

    /// <summary>Element type and dimensions of an <c>OrtTensorTypeAndShapeInfo*</c> (not released here).</summary>
    private static (OrtElementType Type, long[] Dimensions) ReadTypeAndShape(OrtApi api, nint info)
    {
        int type;
        nuint rank;
        api.Check(api.GetTensorElementType(info, &type));
        api.Check(api.GetDimensionsCount(info, &rank));
        var dims = new long[(int)rank];
        fixed (long* d = dims)
        {
            api.Check(api.GetDimensions(info, d, rank));
        }
        return ((OrtElementType)type, dims);
    }
}
