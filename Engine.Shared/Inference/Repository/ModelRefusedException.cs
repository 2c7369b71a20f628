namespace ActorQueue.Inference.Repository;

/// <summary>A model of the repository cannot be served as declared; the message is one sentence naming the model, the field and what to declare.</summary>
internal sealed class ModelRefusedException(string message) : Exception(message);
