namespace ActorQueue.Inference;

/// <summary>
/// Configuration section <c>Inference</c>: the models a node serves (a model repository, and/or the single
/// model of <c>--model</c>), the dynamic batcher and the ONNX Runtime sessions. Nothing that changes the
/// numbers fed to a model has a default: each model declares its preprocessing (in its <c>model.json</c>,
/// or in the <c>Inference:Model:*</c> keys), or it is refused.
/// </summary>
public sealed class InferenceOptions
{
    public const string Section = "Inference";

    /// <summary>
    /// A model repository (flag <c>--models</c>): one folder per model, <c>DIR/NAME/model.onnx</c> and
    /// <c>DIR/NAME/model.json</c>; each model is served under its folder's name. A missing folder stops the
    /// process at start-up.
    /// </summary>
    public string? Models { get; set; }

    /// <summary>The single model of <c>--model</c> (<c>Inference:Model:*</c>), served under its file name without the extension.</summary>
    public InferenceModelOptions Model { get; set; } = new();

    /// <summary>
    /// No longer used: ONNX Runtime comes with the <c>Microsoft.ML.OnnxRuntime</c> package. A node that is
    /// given it logs one sentence saying it is ignored.
    /// </summary>
    public string? RuntimePath { get; set; }

    /// <summary>
    /// Largest batch one run takes, for models whose manifest does not set <c>batching.maxBatch</c>; waiting
    /// requests are batched up to this size. The default is small because on the 2-core development machine
    /// SqueezeNet costs about the same per image at every batch size from 1 to 32 (bench/RESULTS.md), so a
    /// bigger batch only makes its images wait longer.
    /// </summary>
    public int MaxBatch { get; set; } = 4;

    /// <summary>
    /// How long a request may wait for more to join its batch when an inference actor is already free
    /// (Triton's <c>max_queue_delay_microseconds</c>, in milliseconds), for models whose manifest does not
    /// set <c>batching.maxDelayMs</c>. 0 (the default) runs at once: on a machine with few cores a free actor
    /// is worth more than a fuller batch, and batches still form on their own from the requests that arrive
    /// while every actor is busy.
    /// </summary>
    public double MaxDelayMs { get; set; }

    /// <summary>
    /// Inference actors per model on this node, each with its own session (its own copy of the model). The
    /// default is one per core, at most <see cref="MaxDefaultActors"/>: on 2 cores two single-threaded
    /// sessions ran SqueezeNet 4–5% faster, for 1 ms less CPU per image, than one session with two threads,
    /// whose threads must meet at every operator (bench/RESULTS.md).
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

/// <summary>
/// Section <c>Inference:Model</c>: the single model of <c>--model</c>, its labels and how to build its
/// input. Every preprocessing key is unset by default and must be declared: a model whose preprocessing is
/// not declared is refused, never run with guessed values. The names match the fields of <c>model.json</c>.
/// </summary>
public sealed class InferenceModelOptions
{
    /// <summary>The <c>.onnx</c> file (flag <c>--model</c>).</summary>
    public string? Path { get; set; }

    /// <summary>
    /// Class names (flag <c>--labels</c>): one per line, or <c>index,label</c> per line, or the
    /// <c>imagenet_class_index.json</c> form <c>{"0": ["n01440764", "tench"], …}</c>. Optional.
    /// </summary>
    public string? Labels { get; set; }

    /// <summary>The name of the model's image input (required).</summary>
    public string? Input { get; set; }

    /// <summary>The output holding the class scores; required only when the model has several outputs.</summary>
    public string? Output { get; set; }

    /// <summary><c>NCHW</c> or <c>NHWC</c> (required).</summary>
    public string? Layout { get; set; }

    /// <summary>Side of the square input in pixels (required).</summary>
    public int? Size { get; set; }

    /// <summary><c>RGB</c> or <c>BGR</c>: the channel order the model expects (required).</summary>
    public string? ChannelOrder { get; set; }

    /// <summary>Multiplier applied to the 0–255 pixel values before <see cref="Mean"/> and <see cref="Std"/>: value = (pixel × Scale − Mean) / Std (required).</summary>
    public double? Scale { get; set; }

    /// <summary>Per-channel mean, comma-separated, in the model's channel order (required).</summary>
    public string? Mean { get; set; }

    /// <summary>Per-channel standard deviation, comma-separated, in the model's channel order (required).</summary>
    public string? Std { get; set; }

    /// <summary>
    /// <c>crop</c>: shorter side to Size / <see cref="CropFraction"/> (256 for 224), then a centre crop of
    /// Size × Size; <c>stretch</c>: straight to Size × Size, ignoring the aspect ratio (required).
    /// </summary>
    public string? Resize { get; set; }

    /// <summary>
    /// With <c>Resize=crop</c> (and only then), the part of the shorter side the crop keeps: 0.875 is the
    /// usual ImageNet evaluation (resize to 256, centre crop 224); 1 resizes the shorter side straight to Size.
    /// </summary>
    public double? CropFraction { get; set; }

    /// <summary>
    /// <c>auto</c> (default: the scores are only reported, not fed to the model): apply a softmax unless the
    /// scores already look like probabilities; <c>always</c>; <c>never</c> (report the raw scores).
    /// </summary>
    public string? Softmax { get; set; }
}
