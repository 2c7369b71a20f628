namespace ActorQueue.Inference;

/// <summary>
/// Configuration section <c>Inference</c>: the ONNX Runtime library, the model and how images become its
/// input tensor, and the dynamic batcher. Defaults fit the torchvision ImageNet models (ResNet, MobileNet,
/// SqueezeNet 1.1 from torchvision): 224×224 RGB, NCHW, values scaled to 0–1 then normalised with the
/// ImageNet mean and standard deviation, shorter side resized to 256 and centre-cropped to 224.
/// </summary>
/// <remarks>
/// Caffe-converted models want other settings. The SqueezeNet 1.1 of the ONNX model zoo and Windows ML
/// (input <c>data_0</c>) takes BGR values in 0–255 minus the Caffe mean:
/// <c>ChannelOrder=BGR, Scale=1, Mean=103.939,116.779,123.68, Std=1,1,1</c> (Mean and Std are given in the
/// model's channel order).
/// </remarks>
public sealed class InferenceOptions
{
    public const string Section = "Inference";

    /// <summary>Path of <c>libonnxruntime.so.1</c>; unset: the cache of <c>scripts/lib.sh need_onnxruntime</c>, then the library path.</summary>
    public string? RuntimePath { get; set; }

    /// <summary>The model file, its labels and its input contract (<c>Inference:Model:*</c>).</summary>
    public InferenceModelOptions Model { get; set; } = new();

    /// <summary>
    /// Largest batch one run takes; waiting requests are batched up to this size. The default is small
    /// because on the 2-core development machine SqueezeNet costs about the same per image at every batch
    /// size from 1 to 32 (bench/RESULTS.md), so a bigger batch only makes its images wait longer.
    /// </summary>
    public int MaxBatch { get; set; } = 4;

    /// <summary>
    /// How long a request may wait for more to join its batch when an inference actor is already free
    /// (Triton's <c>max_queue_delay_microseconds</c>, in milliseconds). 0 (the default) runs at once: on a
    /// machine with few cores a free actor is worth more than a fuller batch, and batches still form on
    /// their own from the requests that arrive while every actor is busy.
    /// </summary>
    public double MaxDelayMs { get; set; }

    /// <summary>
    /// Inference actors on this node, each with its own session (its own copy of the model). The default is
    /// one per core, at most <see cref="MaxDefaultActors"/>: on 2 cores two single-threaded sessions ran
    /// SqueezeNet 4–5% faster, for 1 ms less CPU per image, than one session with two threads, whose
    /// threads must meet at every operator (bench/RESULTS.md).
    /// </summary>
    public int Actors { get; set; } = DefaultActors;

    /// <summary>
    /// Threads one run may use inside an operator; 0 (the default) shares the cores among the actors
    /// (cores ÷ actors, at least 1), so that together they use every core once.
    /// </summary>
    public int IntraOpThreads { get; set; }

    /// <summary>The most actors the default gives: each holds a copy of the model in memory.</summary>
    public const int MaxDefaultActors = 4;

    /// <summary>One actor per core, at most <see cref="MaxDefaultActors"/>.</summary>
    public static int DefaultActors { get; } = Math.Clamp(Environment.ProcessorCount, 1, MaxDefaultActors);

    /// <summary>Graph optimisation level: <c>all</c> (default), <c>extended</c>, <c>basic</c> or <c>disabled</c>.</summary>
    public string GraphOptimization { get; set; } = "all";

    /// <summary>
    /// Whether ONNX Runtime's worker threads spin while they wait for work. Off by default: spinning buys a
    /// little latency and burns cores that the rest of the node (HTTP, the store, image decoding) needs.
    /// </summary>
    public bool AllowSpinning { get; set; }
}

/// <summary>Section <c>Inference:Model</c>: the model file, its labels and how to build its input.</summary>
public sealed class InferenceModelOptions
{
    /// <summary>The <c>.onnx</c> file (flag <c>--model</c>). No model: the node runs no inference pool.</summary>
    public string? Path { get; set; }

    /// <summary>
    /// Class names (flag <c>--labels</c>): one per line, or <c>index,label</c> per line, or the
    /// <c>imagenet_class_index.json</c> form <c>{"0": ["n01440764", "tench"], …}</c>. Optional.
    /// </summary>
    public string? Labels { get; set; }

    /// <summary>The input to feed; optional when the model has exactly one input, which it must.</summary>
    public string? Input { get; set; }

    /// <summary>The output holding the class scores; the first output when unset.</summary>
    public string? Output { get; set; }

    /// <summary><c>NCHW</c> (default) or <c>NHWC</c>.</summary>
    public string Layout { get; set; } = "NCHW";

    /// <summary>Square input size in pixels. Unset: the model's own fixed size, or 224 when it is dynamic.</summary>
    public int? Size { get; set; }

    /// <summary><c>RGB</c> (default) or <c>BGR</c>: the channel order the model expects.</summary>
    public string ChannelOrder { get; set; } = "RGB";

    /// <summary>Multiplier applied to the 0–255 pixel values before <see cref="Mean"/> and <see cref="Std"/>: value = (pixel × Scale − Mean) / Std.</summary>
    public double Scale { get; set; } = 1.0 / 255.0;

    /// <summary>Per-channel mean, comma-separated, in the model's channel order.</summary>
    public string Mean { get; set; } = "0.485,0.456,0.406";

    /// <summary>Per-channel standard deviation, comma-separated, in the model's channel order.</summary>
    public string Std { get; set; } = "0.229,0.224,0.225";

    /// <summary>
    /// <c>crop</c> (default): shorter side to Size / <see cref="CropFraction"/> (256 for 224), then a centre
    /// crop of Size × Size; <c>stretch</c>: straight to Size × Size, ignoring the aspect ratio.
    /// </summary>
    public string Resize { get; set; } = "crop";

    /// <summary>
    /// With <c>Resize=crop</c>, the part of the shorter side the crop keeps: 0.875 (default) is the usual
    /// ImageNet evaluation (resize to 256, centre crop 224); 1 resizes the shorter side straight to Size.
    /// </summary>
    public double CropFraction { get; set; } = 0.875;

    /// <summary>
    /// <c>auto</c> (default): apply a softmax unless the scores already look like probabilities (every score in
    /// [0, 1] and their sum within 0.01 of 1); <c>always</c>; <c>never</c> (report the raw scores).
    /// </summary>
    public string Softmax { get; set; } = "auto";
}
