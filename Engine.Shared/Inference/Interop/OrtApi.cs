namespace ActorQueue.Inference.Interop;

/// <summary>
/// The ONNX Runtime C API table (<c>OrtApi</c>), read once from <c>OrtGetApiBase()->GetApi(23)</c> into
/// typed function pointers. The index of each entry is its position in <c>struct OrtApi</c> of
/// <c>onnxruntime_c_api.h</c>; every index used here lies in the frozen "Version 1" part of the table
/// (0–101, guarded upstream by <c>static_assert(offsetof(OrtApi, ReleaseCustomOpDomain) / sizeof(void*) == 101)</c>)
/// except <see cref="AddSessionConfigEntry"/> (130, between the Version 4 and Version 5 guards at 126 and 149).
/// The table only ever grows, so the same indices hold in 1.23.2 and later. Fields are in header order.
/// C types: <c>OrtStatus*</c>, handles and pointers are <c>nint</c>, <c>size_t</c> is <c>nuint</c>, enums are <c>int</c>.
/// </summary>
internal sealed unsafe partial class OrtApi
{
    /// <summary>The <c>ORT_API_VERSION</c> of ONNX Runtime 1.23.</summary>
    public const uint Version = 23;

    // 1: OrtErrorCode GetErrorCode(const OrtStatus*)
    public readonly delegate* unmanaged[Cdecl]<nint, int> GetErrorCode;
    // 2: const char* GetErrorMessage(const OrtStatus*)
    public readonly delegate* unmanaged[Cdecl]<nint, byte*> GetErrorMessage;
    // 3: CreateEnv(OrtLoggingLevel, const char* logid, OrtEnv** out)
    public readonly delegate* unmanaged[Cdecl]<int, byte*, nint*, nint> CreateEnv;
    // 7: CreateSession(const OrtEnv*, const ORTCHAR_T* model_path, const OrtSessionOptions*, OrtSession** out)
    public readonly delegate* unmanaged[Cdecl]<nint, byte*, nint, nint*, nint> CreateSession;
    // 9: Run(OrtSession*, const OrtRunOptions*, const char* const* input_names, const OrtValue* const* inputs, size_t input_len,
    //        const char* const* output_names, size_t output_names_len, OrtValue** outputs)
    public readonly delegate* unmanaged[Cdecl]<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint> Run;
    // 10: CreateSessionOptions(OrtSessionOptions** out)
    public readonly delegate* unmanaged[Cdecl]<nint*, nint> CreateSessionOptions;
    // 22: SetSessionLogSeverityLevel(OrtSessionOptions*, int)
    public readonly delegate* unmanaged[Cdecl]<nint, int, nint> SetSessionLogSeverityLevel;
    // 23: SetSessionGraphOptimizationLevel(OrtSessionOptions*, GraphOptimizationLevel)
    public readonly delegate* unmanaged[Cdecl]<nint, int, nint> SetSessionGraphOptimizationLevel;
    // 24: SetIntraOpNumThreads(OrtSessionOptions*, int)
    public readonly delegate* unmanaged[Cdecl]<nint, int, nint> SetIntraOpNumThreads;
    // 25: SetInterOpNumThreads(OrtSessionOptions*, int)
    public readonly delegate* unmanaged[Cdecl]<nint, int, nint> SetInterOpNumThreads;
    // 30: SessionGetInputCount(const OrtSession*, size_t* out)
    public readonly delegate* unmanaged[Cdecl]<nint, nuint*, nint> SessionGetInputCount;
    // 31: SessionGetOutputCount(const OrtSession*, size_t* out)
    public readonly delegate* unmanaged[Cdecl]<nint, nuint*, nint> SessionGetOutputCount;
    // 33: SessionGetInputTypeInfo(const OrtSession*, size_t index, OrtTypeInfo** out)
    public readonly delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint> SessionGetInputTypeInfo;
    // 34: SessionGetOutputTypeInfo(const OrtSession*, size_t index, OrtTypeInfo** out)
    public readonly delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint> SessionGetOutputTypeInfo;
    // 36: SessionGetInputName(const OrtSession*, size_t index, OrtAllocator*, char** out)
    public readonly delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint> SessionGetInputName;
    // 37: SessionGetOutputName(const OrtSession*, size_t index, OrtAllocator*, char** out)
    public readonly delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint> SessionGetOutputName;
    // 39: CreateRunOptions(OrtRunOptions** out)
    public readonly delegate* unmanaged[Cdecl]<nint*, nint> CreateRunOptions;
    // 46: RunOptionsSetTerminate(OrtRunOptions*)
    public readonly delegate* unmanaged[Cdecl]<nint, nint> RunOptionsSetTerminate;
    // 47: RunOptionsUnsetTerminate(OrtRunOptions*)
    public readonly delegate* unmanaged[Cdecl]<nint, nint> RunOptionsUnsetTerminate;
    // 49: CreateTensorWithDataAsOrtValue(const OrtMemoryInfo*, void* p_data, size_t p_data_len, const int64_t* shape,
    //                                    size_t shape_len, ONNXTensorElementDataType, OrtValue** out)
    public readonly delegate* unmanaged[Cdecl]<nint, void*, nuint, long*, nuint, int, nint*, nint> CreateTensorWithDataAsOrtValue;
    // 51: GetTensorMutableData(OrtValue*, void** out)
    public readonly delegate* unmanaged[Cdecl]<nint, void**, nint> GetTensorMutableData;
    // 55: CastTypeInfoToTensorInfo(const OrtTypeInfo*, const OrtTensorTypeAndShapeInfo** out); out is null for non-tensors
    public readonly delegate* unmanaged[Cdecl]<nint, nint*, nint> CastTypeInfoToTensorInfo;
    // 60: GetTensorElementType(const OrtTensorTypeAndShapeInfo*, ONNXTensorElementDataType* out)
    public readonly delegate* unmanaged[Cdecl]<nint, int*, nint> GetTensorElementType;
    // 61: GetDimensionsCount(const OrtTensorTypeAndShapeInfo*, size_t* out)
    public readonly delegate* unmanaged[Cdecl]<nint, nuint*, nint> GetDimensionsCount;
    // 62: GetDimensions(const OrtTensorTypeAndShapeInfo*, int64_t* dim_values, size_t dim_values_length)
    public readonly delegate* unmanaged[Cdecl]<nint, long*, nuint, nint> GetDimensions;
    // 65: GetTensorTypeAndShape(const OrtValue*, OrtTensorTypeAndShapeInfo** out)
    public readonly delegate* unmanaged[Cdecl]<nint, nint*, nint> GetTensorTypeAndShape;
    // 69: CreateCpuMemoryInfo(OrtAllocatorType, OrtMemType, OrtMemoryInfo** out)
    public readonly delegate* unmanaged[Cdecl]<int, int, nint*, nint> CreateCpuMemoryInfo;
    // 76: AllocatorFree(OrtAllocator*, void* p)
    public readonly delegate* unmanaged[Cdecl]<nint, void*, nint> AllocatorFree;
    // 78: GetAllocatorWithDefaultOptions(OrtAllocator** out); the allocator is never freed
    public readonly delegate* unmanaged[Cdecl]<nint*, nint> GetAllocatorWithDefaultOptions;
    // 92–100: void ReleaseX(OrtX*)
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseEnv;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseStatus;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseMemoryInfo;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseSession;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseValue;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseRunOptions;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseTypeInfo;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseTensorTypeAndShapeInfo;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseSessionOptions;
    // 130: AddSessionConfigEntry(OrtSessionOptions*, const char* key, const char* value)
    public readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint> AddSessionConfigEntry;

    /// <summary>Reads the entries this binding uses from the table at <paramref name="table"/>.</summary>
    public OrtApi(nint table, string version)
    {
        var t = (nint*)table;
        RuntimeVersion = version;
        GetErrorCode = (delegate* unmanaged[Cdecl]<nint, int>)t[1];
        GetErrorMessage = (delegate* unmanaged[Cdecl]<nint, byte*>)t[2];
        CreateEnv = (delegate* unmanaged[Cdecl]<int, byte*, nint*, nint>)t[3];
        CreateSession = (delegate* unmanaged[Cdecl]<nint, byte*, nint, nint*, nint>)t[7];
        Run = (delegate* unmanaged[Cdecl]<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint>)t[9];
        CreateSessionOptions = (delegate* unmanaged[Cdecl]<nint*, nint>)t[10];
        SetSessionLogSeverityLevel = (delegate* unmanaged[Cdecl]<nint, int, nint>)t[22];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged[Cdecl]<nint, int, nint>)t[23];
        SetIntraOpNumThreads = (delegate* unmanaged[Cdecl]<nint, int, nint>)t[24];
        SetInterOpNumThreads = (delegate* unmanaged[Cdecl]<nint, int, nint>)t[25];
        SessionGetInputCount = (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)t[30];
        SessionGetOutputCount = (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)t[31];
        SessionGetInputTypeInfo = (delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)t[33];
        SessionGetOutputTypeInfo = (delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)t[34];
        SessionGetInputName = (delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint>)t[36];
        SessionGetOutputName = (delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint>)t[37];
        CreateRunOptions = (delegate* unmanaged[Cdecl]<nint*, nint>)t[39];
        RunOptionsSetTerminate = (delegate* unmanaged[Cdecl]<nint, nint>)t[46];
        RunOptionsUnsetTerminate = (delegate* unmanaged[Cdecl]<nint, nint>)t[47];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged[Cdecl]<nint, void*, nuint, long*, nuint, int, nint*, nint>)t[49];
        GetTensorMutableData = (delegate* unmanaged[Cdecl]<nint, void**, nint>)t[51];
        CastTypeInfoToTensorInfo = (delegate* unmanaged[Cdecl]<nint, nint*, nint>)t[55];
        GetTensorElementType = (delegate* unmanaged[Cdecl]<nint, int*, nint>)t[60];
        GetDimensionsCount = (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)t[61];
        GetDimensions = (delegate* unmanaged[Cdecl]<nint, long*, nuint, nint>)t[62];
        GetTensorTypeAndShape = (delegate* unmanaged[Cdecl]<nint, nint*, nint>)t[65];
        CreateCpuMemoryInfo = (delegate* unmanaged[Cdecl]<int, int, nint*, nint>)t[69];
        AllocatorFree = (delegate* unmanaged[Cdecl]<nint, void*, nint>)t[76];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged[Cdecl]<nint*, nint>)t[78];
        ReleaseEnv = (delegate* unmanaged[Cdecl]<nint, void>)t[92];
        ReleaseStatus = (delegate* unmanaged[Cdecl]<nint, void>)t[93];
        ReleaseMemoryInfo = (delegate* unmanaged[Cdecl]<nint, void>)t[94];
        ReleaseSession = (delegate* unmanaged[Cdecl]<nint, void>)t[95];
        ReleaseValue = (delegate* unmanaged[Cdecl]<nint, void>)t[96];
        ReleaseRunOptions = (delegate* unmanaged[Cdecl]<nint, void>)t[97];
        ReleaseTypeInfo = (delegate* unmanaged[Cdecl]<nint, void>)t[98];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged[Cdecl]<nint, void>)t[99];
        ReleaseSessionOptions = (delegate* unmanaged[Cdecl]<nint, void>)t[100];
        AddSessionConfigEntry = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint>)t[130];
    }

    /// <summary>The loaded library's version string, e.g. <c>1.23.2</c>.</summary>
    public string RuntimeVersion { get; }
}
