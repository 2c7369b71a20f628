using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ActorQueue.Inference.Model;

/// <summary>
/// What a session says about one of its inputs or outputs. <see cref="Dimensions"/> holds -1 for a
/// symbolic (dynamic) dimension; it is empty and <see cref="IsTensor"/> false for a non-tensor value.
/// </summary>
internal sealed record TensorDescription(string Name, bool IsTensor, TensorElementType ElementType, long[] Dimensions)
{
    public string ShapeText => Shape(Dimensions);

    public string ElementTypeText => Enum.IsDefined(ElementType) ? ElementType.ToString().ToLowerInvariant() : $"type {(int)ElementType}";

    /// <summary>A shape as <c>[?,3,224,224]</c> (? for a dynamic dimension).</summary>
    public static string Shape(IEnumerable<long> dimensions) =>
        "[" + string.Join(",", dimensions.Select(d => d < 0 ? "?" : d.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>Every input or output of a session, in the model's order.</summary>
    public static IReadOnlyList<TensorDescription> Of(IReadOnlyDictionary<string, NodeMetadata> metadata) =>
        metadata.Select(pair => pair.Value.IsTensor
                ? new TensorDescription(pair.Key, true, pair.Value.ElementDataType, pair.Value.Dimensions.Select(d => (long)d).ToArray())
                : new TensorDescription(pair.Key, false, TensorElementType.DataTypeMax, []))
            .ToArray();
}
