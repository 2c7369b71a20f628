namespace ActorQueue.Inference.Interop;

/// <summary><c>ONNXTensorElementDataType</c> values that this binding names (the rest are reported as numbers).</summary>
internal enum OrtElementType
{
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Double = 11,
}

/// <summary>
/// What a session says about one of its inputs or outputs. <see cref="Dimensions"/> holds -1 for a
/// symbolic (dynamic) dimension; it is empty and <see cref="IsTensor"/> false for a non-tensor value.
/// </summary>
internal sealed record OrtTensorInfo(string Name, bool IsTensor, OrtElementType ElementType, long[] Dimensions)
{
    public string ShapeText => "[" + string.Join(",", Dimensions.Select(d => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";

    public string ElementTypeText => Enum.IsDefined(ElementType) ? ElementType.ToString().ToLowerInvariant() : $"type {(int)ElementType}";
}

/// <summary>Session options this binding sets: threads, graph optimisation, thread-pool spinning.</summary>
internal sealed record OrtSessionSettings(int IntraOpThreads, int GraphOptimizationLevel, bool AllowSpinning);
