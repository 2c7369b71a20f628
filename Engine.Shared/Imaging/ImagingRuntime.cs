using ActorQueue.Imaging.Vips;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Imaging;

/// <summary>
/// Starts libvips for this process with the <see cref="ImageOptions"/> (see <see cref="VipsRuntime"/> for
/// the settings and why) and routes its log messages to this process's log. At start-up it checks the
/// options (a bad value stops the process with one sentence) and tries libvips once: without it the
/// process still runs, and says once that image jobs cannot run here.
/// </summary>
internal sealed class ImagingRuntime : IHostedService
{
    private readonly ImageOptions _options;
    private readonly ILogger<ImagingRuntime> _logger;

    public ImagingRuntime(ImageOptions options, ILogger<ImagingRuntime> logger)
    {
        _options = options;
        _logger = logger;
        VipsLogBridge.Sink = message => ImagingLog.VipsMessage(logger, message);
    }

    /// <summary>Initialises libvips if needed; <see cref="ImagingUnavailableException"/> when it cannot be.</summary>
    public void Ensure() => VipsRuntime.EnsureInitialized(_options.VipsThreads);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
        try
        {
            Ensure();
            ImagingLog.VipsReady(_logger, VipsRuntime.LibraryVersion?.ToString() ?? "?", _options.VipsThreads);
        }
        catch (ImagingUnavailableException exception)
        {
            ImagingLog.VipsUnavailable(_logger, exception.Message);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
