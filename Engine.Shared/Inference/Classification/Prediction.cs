namespace ActorQueue.Inference.Classification;

/// <summary>One class of a classification result: its index in the model's output, its label (null without labels) and its score.</summary>
public sealed record Prediction(int Index, string? Label, float Score);
