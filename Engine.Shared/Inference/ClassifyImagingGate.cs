using ActorQueue.Jobs;

namespace ActorQueue.Inference;

/// <summary>
/// Classify jobs decode their image with libvips: while the imaging gate (<c>LibvipsAvailability</c>) says
/// libvips cannot run here, the kind is withheld and no model's queue (<c>inference.NAME</c>) is claimed from.
/// </summary>
internal sealed class ClassifyImagingGate(IJobKindAvailability imaging) : IJobKindAvailability
{
    public string Kind => imaging.Kind;

    public string Queue => imaging.Queue;

    public string? Unavailable => imaging.Unavailable;

    public string? UnavailableOn(string queue) => ModelQueues.ModelOf(queue) is not null || queue == Queue ? imaging.Unavailable : null;

    public event Action? Changed
    {
        add => imaging.Changed += value;
        remove => imaging.Changed -= value;
    }
}
