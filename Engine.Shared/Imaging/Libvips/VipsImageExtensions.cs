using NetVips;

namespace ActorQueue.Imaging.Libvips;

/// <summary>What the engine needs on a NetVips <see cref="Image"/> beyond its own API.</summary>
internal static class VipsImageExtensions
{
    /// <summary>
    /// Stops any evaluation of <paramref name="image"/> (from another thread too) when
    /// <paramref name="cancellationToken"/> fires: the running operation fails at its next tile with a
    /// <see cref="VipsException"/>. Dispose the registration before the image.
    /// </summary>
    public static CancellationTokenRegistration KillOn(this Image image, CancellationToken cancellationToken) =>
        cancellationToken.Register(static state => ((Image)state!).SetKill(true), image);

    /// <summary>An integer metadata field such as <c>orientation</c>; null when the image has none.</summary>
    public static int? GetInt(this Image image, string field) =>
        image.Contains(field) && image.Get(field) is int value ? value : null;
}
