namespace ActorQueue.Protocol;

/// <summary>
/// The payload of an <c>inference.classify</c> job: the input image blob, the model and how many classes to report.
/// <c>POST /api/classify</c> writes it; a client may also submit it through <c>POST /api/jobs</c> with a blob it stored.
/// </summary>
public sealed class ClassifyJobPayload
{
    /// <summary>Id of the input blob (a JPEG, PNG or WebP image).</summary>
    public string? Input { get; set; }

    /// <summary>How many of the best classes to return, best first; 5 when absent.</summary>
    public int? Top { get; set; }

    /// <summary>
    /// The model to classify with (its name in the model repository, or the file name of <c>--model</c>
    /// without extension); may be left out while the cluster serves exactly one model.
    /// </summary>
    public string? Model { get; set; }
}

/// <summary>The result of a completed <c>inference.classify</c> job: the model's name and its best classes, best first.</summary>
public sealed record ClassifyJobResult(string Model, IReadOnlyList<PredictionView> Predictions);

/// <summary>One class: its index in the model's output, its label (absent without a labels file) and its score (a probability).</summary>
public sealed record PredictionView(int Index, string? Label, float Score);
