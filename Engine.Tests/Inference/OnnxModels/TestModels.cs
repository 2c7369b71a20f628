using ActorQueue.Inference.Demo;

namespace ActorQueue.Tests.Inference.OnnxModels;

/// <summary>
/// The models the inference tests load, written by <see cref="OnnxGraph"/>. The colour classifier averages
/// each channel (GlobalAveragePool), then scores four classes with a Gemm and a Softmax:
/// red, green, blue and black. A pure colour gets its class with a probability above 0.97.
/// </summary>
internal static class TestModels
{
    public static readonly string[] ColourLabels = ["red", "green", "blue", "black"];

    // Gemm weights [3 channels, 4 classes] and bias: each colour channel votes for its class; black wins when all are dark.
    private static readonly float[] Weights = [10, 0, 0, -10, 0, 10, 0, -10, 0, 0, 10, -10];
    private static readonly float[] Bias = [0, 0, 0, 5];

    /// <summary>The colour classifier. <paramref name="batch"/> and <paramref name="size"/> are fixed numbers or symbolic names.</summary>
    public static byte[] ColourClassifier(object? batch = null, object? size = null, bool nhwc = false, bool softmax = true, bool rank4Output = false)
    {
        batch ??= "N";
        var height = size ?? "H";
        var width = size ?? "W";
        var graph = new OnnxGraph("colour")
            .FloatInitializer("weights", [3, 4], Weights)
            .FloatInitializer("bias", [4], Bias);
        var image = "pixels";
        if (nhwc)
        {
            graph.Input("pixels", OnnxGraph.Float, batch, height, width, 3L)
                .Node("Transpose", ["pixels"], ["nchw"], ("perm", new long[] { 0, 3, 1, 2 }));
            image = "nchw";
        }
        else
        {
            graph.Input("pixels", OnnxGraph.Float, batch, 3L, height, width);
        }
        graph.Node("GlobalAveragePool", [image], ["pooled"])
            .Node("Flatten", ["pooled"], ["means"], ("axis", 1))
            .Node("Gemm", ["means", "weights", "bias"], [softmax || rank4Output ? "logits" : "scores"]);
        if (softmax)
        {
            graph.Node("Softmax", ["logits"], [rank4Output ? "probabilities" : "scores"], ("axis", 1));
        }
        if (rank4Output)
        {
            graph.Int64Initializer("shape4", 0, 4, 1, 1)
                .Node("Reshape", [softmax ? "probabilities" : "logits", "shape4"], ["scores"])
                .Output("scores", OnnxGraph.Float, batch, 4L, 1L, 1L);
        }
        else
        {
            graph.Output("scores", OnnxGraph.Float, batch, 4L);
        }
        return graph.ToBytes();
    }

    /// <summary>A valid graph whose input is [N,channels,8,8]: an image model with the wrong number of channels.</summary>
    public static byte[] Channels(long channels) =>
        new OnnxGraph("channels")
            .Input("pixels", OnnxGraph.Float, "N", channels, 8L, 8L)
            .FloatInitializer("weights", [channels, 4], Enumerable.Repeat(1f, (int)channels * 4).ToArray())
            .Node("GlobalAveragePool", ["pixels"], ["pooled"])
            .Node("Flatten", ["pooled"], ["means"], ("axis", 1))
            .Node("MatMul", ["means", "weights"], ["scores"])
            .Output("scores", OnnxGraph.Float, "N", 4L)
            .ToBytes();

    /// <summary>A rank-3 input [N,3,8]: not an image.</summary>
    public static byte[] Rank3Input() =>
        new OnnxGraph("rank3")
            .Input("pixels", OnnxGraph.Float, "N", 3L, 8L)
            .Node("ReduceMean", ["pixels"], ["scores"], ("axes", new long[] { 2 }), ("keepdims", 0))
            .Output("scores", OnnxGraph.Float, "N", 3L)
            .ToBytes();

    /// <summary>An int64 input [N,3,8,8].</summary>
    public static byte[] Int64Input() =>
        new OnnxGraph("int64")
            .Input("pixels", OnnxGraph.Int64, "N", 3L, 8L, 8L)
            .Node("Cast", ["pixels"], ["floats"], ("to", OnnxGraph.Float))
            .Node("GlobalAveragePool", ["floats"], ["pooled"])
            .Node("Flatten", ["pooled"], ["scores"], ("axis", 1))
            .Output("scores", OnnxGraph.Float, "N", 3L)
            .ToBytes();

    /// <summary>An output [N,3,8] (the input is passed through a pooling over the width only): not class scores.</summary>
    public static byte[] ImageShapedOutput() =>
        new OnnxGraph("image-output")
            .Input("pixels", OnnxGraph.Float, "N", 3L, 8L, 8L)
            .Node("ReduceMean", ["pixels"], ["scores"], ("axes", new long[] { 3 }), ("keepdims", 0))
            .Output("scores", OnnxGraph.Float, "N", 3L, 8L)
            .ToBytes();

    /// <summary>
    /// A model that takes seconds per run: a chain of <paramref name="matMuls"/> 1024×1024 MatMuls seeded by
    /// the input's mean (so nothing can be folded away at load). Its scores are the channel means plus a constant.
    /// The matrix is all 1/1024, which is idempotent, so the values stay finite. The default chain runs about
    /// 8 s on one thread of the 2-core development machine (200 MatMuls ran in 1.7 s there, short enough for a
    /// faster CI machine to finish a run the tests meant to stop).
    /// </summary>
    public static byte[] Slow(int matMuls = 1000)
    {
        const int m = 1024;
        var graph = new OnnxGraph("slow")
            .Input("pixels", OnnxGraph.Float, "N", 3L, 4L, 4L)
            .FloatInitializer("a", [m, m], Enumerable.Repeat(1f / m, m * m).ToArray())
            .Int64Initializer("shape2", 1, 1)
            .Node("GlobalAveragePool", ["pixels"], ["pooled"])
            .Node("Flatten", ["pooled"], ["means"], ("axis", 1))
            .Node("ReduceMean", ["pixels"], ["mean4"], ("keepdims", 1))
            .Node("Reshape", ["mean4", "shape2"], ["seed"])
            .Node("Mul", ["a", "seed"], ["y0"]);
        for (var i = 0; i < matMuls; i++)
        {
            graph.Node("MatMul", [$"y{i}", "a"], [$"y{i + 1}"]);
        }
        return graph
            .Node("ReduceMean", [$"y{matMuls}"], ["total"], ("keepdims", 1))
            .Node("Add", ["means", "total"], ["scores"])
            .Output("scores", OnnxGraph.Float, "N", 3L)
            .ToBytes();
    }

    /// <summary>The colour classifier with a second output, the channel means: which output holds the scores must be declared.</summary>
    public static byte[] TwoOutputs() =>
        new OnnxGraph("two-outputs")
            .FloatInitializer("weights", [3, 4], Weights)
            .FloatInitializer("bias", [4], Bias)
            .Input("pixels", OnnxGraph.Float, "N", 3L, 8L, 8L)
            .Node("GlobalAveragePool", ["pixels"], ["pooled"])
            .Node("Flatten", ["pooled"], ["means"], ("axis", 1))
            .Node("Gemm", ["means", "weights", "bias"], ["logits"])
            .Node("Softmax", ["logits"], ["scores"], ("axis", 1))
            .Output("scores", OnnxGraph.Float, "N", 4L)
            .Output("means", OnnxGraph.Float, "N", 3L)
            .ToBytes();

    /// <summary>Bytes that are not a protobuf ModelProto.</summary>
    public static byte[] Garbage() => "this is not an onnx model, just text that happens to end in .onnx\n"u8.ToArray();
}
