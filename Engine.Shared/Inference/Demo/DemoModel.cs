namespace ActorQueue.Inference.Demo;

/// <summary>
/// The demo model the project makes itself (<c>aq models demo DIR</c>, and <c>./scripts/start.sh</c> into
/// <c>artifacts/models</c>): <c>colours</c>, which names the colour of a picture. It averages each channel of
/// the 32×32 picture (GlobalAveragePool) and picks the nearest of the eight corners of the RGB cube (black,
/// white, red, green, blue, yellow, cyan, magenta) with a Gemm and a Softmax: for a corner c, the score is
/// γ(2·x·c − |c|²), which ranks the corners as −γ|x − c|² does. A pure colour gets its class with a
/// probability above 0.99. Written with its manifest, its labels and a few sample PNGs.
/// </summary>
internal static class DemoModel
{
    public const string Name = "colours";
    public const int Size = 32;
    private const float Sharpness = 12;

    public static readonly (string Label, (byte R, byte G, byte B) Colour)[] Classes =
    [
        ("black", (0, 0, 0)), ("white", (255, 255, 255)), ("red", (255, 0, 0)), ("green", (0, 255, 0)),
        ("blue", (0, 0, 255)), ("yellow", (255, 255, 0)), ("cyan", (0, 255, 255)), ("magenta", (255, 0, 255)),
    ];

    /// <summary>The manifest: everything that changes the numbers fed to the model, declared.</summary>
    public const string Manifest = """
        {
          "input": "pixels",
          "layout": "NCHW",
          "size": 32,
          "channelOrder": "RGB",
          "scale": 0.00392156862745098,
          "mean": [0, 0, 0],
          "std": [1, 1, 1],
          "resize": "stretch",
          "labels": "labels.txt",
          "output": "scores",
          "softmax": "never",
          "batching": { "maxBatch": 8, "maxDelayMs": 0 }
        }
        """;

    /// <summary>
    /// Writes <c>DIR/colours/</c>: <c>model.onnx</c>, <c>model.json</c>, <c>labels.txt</c> and <c>samples/COLOUR.png</c>
    /// (64×48 pictures of red, green, blue, yellow and white), replacing what is there. Returns the model's folder.
    /// </summary>
    public static string Write(string directory)
    {
        var folder = Path.Combine(directory, Name);
        var samples = Path.Combine(folder, "samples");
        Directory.CreateDirectory(samples);
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), Onnx());
        File.WriteAllText(Path.Combine(folder, "model.json"), Manifest + "\n");
        File.WriteAllText(Path.Combine(folder, "labels.txt"), string.Join("\n", Classes.Select(c => c.Label)) + "\n");
        foreach (var (label, colour) in Classes.Where(c => c.Label is "red" or "green" or "blue" or "yellow" or "white"))
        {
            File.WriteAllBytes(Path.Combine(samples, label + ".png"), SolidPng.Encode(64, 48, colour));
        }
        return folder;
    }

    /// <summary>The ONNX model: input <c>pixels</c> [N,3,32,32] in 0–1, output <c>scores</c> [N,8] (probabilities).</summary>
    public static byte[] Onnx()
    {
        var weights = new float[3 * Classes.Length];
        var bias = new float[Classes.Length];
        for (var k = 0; k < Classes.Length; k++)
        {
            float[] corner = [Classes[k].Colour.R / 255f, Classes[k].Colour.G / 255f, Classes[k].Colour.B / 255f];
            for (var channel = 0; channel < 3; channel++)
            {
                weights[(channel * Classes.Length) + k] = 2 * Sharpness * corner[channel];
            }
            bias[k] = -Sharpness * corner.Sum(v => v * v);
        }
        return new OnnxGraph(Name)
            .Input("pixels", OnnxGraph.Float, "N", 3L, (long)Size, (long)Size)
            .FloatInitializer("weights", [3, Classes.Length], weights)
            .FloatInitializer("bias", [Classes.Length], bias)
            .Node("GlobalAveragePool", ["pixels"], ["pooled"])
            .Node("Flatten", ["pooled"], ["means"], ("axis", 1))
            .Node("Gemm", ["means", "weights", "bias"], ["logits"])
            .Node("Softmax", ["logits"], ["scores"], ("axis", 1))
            .Output("scores", OnnxGraph.Float, "N", (long)Classes.Length)
            .ToBytes(producer: "actorqueue");
    }
}
