using ActorQueue.Inference;

namespace ActorQueue.Bench.Inference;

/// <summary>A photo from ../shared/assets (read in place, never copied) and the ImageNet class it must get.</summary>
internal sealed record Photo(string Name, byte[] Bytes, string Expected)
{
    /// <summary>The three checked photos: a progressive JPEG (800×480), a PNG (375×500) and a large JPEG (3361×2521, EXIF).</summary>
    public static readonly (string File, string Label)[] Checked =
        [("castle_image.jpg", "castle"), ("jemma.png", "beagle"), ("mug.jpg", "coffee mug")];

    public static Photo[] Load(string assets) =>
        Checked.Select(c => new Photo(c.File, File.ReadAllBytes(Path.Combine(assets, c.File)), c.Label)).ToArray();

    /// <summary>The manifest of the shared SqueezeNet (Caffe-converted: input data_0, BGR, 0–255 minus the Caffe mean, 256 → 224 crop).</summary>
    public const string Manifest = """
        {
          "input": "data_0", "layout": "NCHW", "size": 224, "channelOrder": "BGR",
          "scale": 1, "mean": [103.939, 116.779, 123.68], "std": [1, 1, 1],
          "resize": "crop", "cropFraction": 0.875, "labels": "imagenet_labels.txt"
        }
        """;

    /// <summary>The same settings as <c>Inference:Model:*</c> keys, for the loops that run the engine's pieces without a seed.</summary>
    public static InferenceOptions SqueezeNet(string assets, int intraOpThreads, int maxBatch = 4) => new()
    {
        IntraOpThreads = intraOpThreads,
        MaxBatch = maxBatch,
        Model =
        {
            Path = Path.Combine(assets, "squeezenet_fp32_dynbatch.onnx"),
            Labels = Path.Combine(assets, "imagenet_labels.txt"),
            Input = "data_0",
            Layout = "NCHW",
            Size = 224,
            ChannelOrder = "BGR",
            Scale = 1,
            Mean = "103.939,116.779,123.68",
            Std = "1,1,1",
            Resize = "crop",
            CropFraction = 0.875,
        },
    };
}
