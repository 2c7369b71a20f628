namespace ActorQueue.Inference.Demo;

/// <summary>
/// Builds an ONNX <c>ModelProto</c> by hand (onnx.proto field numbers): the project writes its own demo
/// model with it (<see cref="DemoModel"/>), and tests make the exact models they need (inputs of the wrong
/// shape, a model slow enough to cancel). Dimensions are <c>long</c> (fixed) or <c>string</c> (symbolic, e.g. "N").
/// </summary>
internal sealed class OnnxGraph(string name)
{
    // onnx.proto TensorProto.DataType
    public const int Float = 1;
    public const int Int64 = 7;

    private readonly List<ProtoWriter> _nodes = [];
    private readonly List<ProtoWriter> _initializers = [];
    private readonly List<ProtoWriter> _inputs = [];
    private readonly List<ProtoWriter> _outputs = [];

    public OnnxGraph Input(string valueName, int elementType, params object[] dims)
    {
        _inputs.Add(ValueInfo(valueName, elementType, dims));
        return this;
    }

    public OnnxGraph Output(string valueName, int elementType, params object[] dims)
    {
        _outputs.Add(ValueInfo(valueName, elementType, dims));
        return this;
    }

    public OnnxGraph FloatInitializer(string valueName, long[] dims, IReadOnlyList<float> values) =>
        Initializer(valueName, Float, dims, ProtoWriter.RawFloats(values));

    public OnnxGraph Int64Initializer(string valueName, params long[] values)
    {
        var raw = values.SelectMany(BitConverter.GetBytes).ToArray();
        return Initializer(valueName, Int64, [values.Length], raw);
    }

    /// <summary>A node; attributes are (name, value) with value an int/long, float or long[].</summary>
    public OnnxGraph Node(string opType, string[] inputs, string[] outputs, params (string Name, object Value)[] attributes)
    {
        var node = new ProtoWriter();
        foreach (var input in inputs)
        {
            node.String(1, input);
        }
        foreach (var output in outputs)
        {
            node.String(2, output);
        }
        node.String(3, $"{opType}_{_nodes.Count}").String(4, opType);
        foreach (var (attributeName, value) in attributes)
        {
            node.Message(5, Attribute(attributeName, value));
        }
        _nodes.Add(node);
        return this;
    }

    /// <summary>The serialized ModelProto (IR version 8, default-domain opset <paramref name="opset"/>), produced by <paramref name="producer"/>.</summary>
    public byte[] ToBytes(int opset = 13, string producer = "actorqueue-tests")
    {
        var graph = new ProtoWriter();
        _nodes.ForEach(n => graph.Message(1, n));
        graph.String(2, name);
        _initializers.ForEach(i => graph.Message(5, i));
        _inputs.ForEach(i => graph.Message(11, i));
        _outputs.ForEach(o => graph.Message(12, o));
        return new ProtoWriter()
            .Varint(1, 8)
            .String(2, producer)
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, string.Empty).Varint(2, opset))
            .ToArray();
    }

    private OnnxGraph Initializer(string valueName, int elementType, long[] dims, byte[] raw)
    {
        var tensor = new ProtoWriter();
        foreach (var d in dims)
        {
            tensor.Varint(1, d);
        }
        tensor.Varint(2, elementType).String(8, valueName).Bytes(9, raw);
        _initializers.Add(tensor);
        return this;
    }

    private static ProtoWriter ValueInfo(string valueName, int elementType, object[] dims)
    {
        var shape = new ProtoWriter();
        foreach (var dim in dims)
        {
            shape.Message(1, dim is string symbol ? new ProtoWriter().String(2, symbol) : new ProtoWriter().Varint(1, Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture)));
        }
        var tensorType = new ProtoWriter().Varint(1, elementType).Message(2, shape);
        return new ProtoWriter().String(1, valueName).Message(2, new ProtoWriter().Message(1, tensorType));
    }

    private static ProtoWriter Attribute(string attributeName, object value)
    {
        // AttributeProto: name = 1, f = 2, i = 3, ints = 8, type = 20 (FLOAT = 1, INT = 2, INTS = 7)
        var attribute = new ProtoWriter().String(1, attributeName);
        return value switch
        {
            float f => attribute.Float(2, f).Varint(20, 1),
            int or long => attribute.Varint(3, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)).Varint(20, 2),
            long[] ints => ints.Aggregate(attribute, (a, v) => a.Varint(8, v)).Varint(20, 7),
            _ => throw new ArgumentException($"Unsupported attribute value {value}.", nameof(value)),
        };
    }
}
