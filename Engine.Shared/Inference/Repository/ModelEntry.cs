namespace ActorQueue.Inference.Repository;

/// <summary>
/// A model the configuration names: its settings when it can be served as declared, otherwise the one
/// sentence that refused it (naming the model, the field and what to declare).
/// </summary>
internal sealed record ModelEntry(string Name, InferenceSettings? Settings, string? Refusal)
{
    public static ModelEntry Served(InferenceSettings settings) => new(settings.Name, settings, null);

    public static ModelEntry Refused(string name, string sentence) => new(name, null, sentence);
}
