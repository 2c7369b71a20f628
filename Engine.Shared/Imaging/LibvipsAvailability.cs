using ActorQueue.Jobs;

namespace ActorQueue.Imaging;

/// <summary>
/// A job kind that needs libvips (<c>image.thumbnail</c>, and <c>inference.classify</c> for decoding): while
/// libvips cannot be loaded on this node the node neither advertises the kind nor claims from its queue,
/// so its jobs wait for a node that can run them instead of failing here.
/// </summary>
internal sealed class LibvipsAvailability(ImagingRuntime runtime, string kind, string queue) : IJobKindAvailability
{
    public string Kind => kind;

    public string Queue => queue;

    public string? Unavailable => runtime.Unavailable;

    public event Action? Changed
    {
        add => runtime.UnavailableChanged += value;
        remove => runtime.UnavailableChanged -= value;
    }
}
