namespace ActorQueue.Inference.Classification;

/// <summary>What a classification returns: the model's name (its file name without extension) and the best classes, best first.</summary>
public sealed record ClassificationResult(string Model, IReadOnlyList<Prediction> Predictions);
