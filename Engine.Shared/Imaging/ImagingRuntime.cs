using ActorQueue.Imaging.Libvips;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Imaging;

/// <summary>
/// Starts libvips for this process with the <see cref="ImageOptions"/> (see <see cref="LibvipsRuntime"/> for
/// the settings and why) and routes its log messages to this process's log. At start-up it checks the
/// options (a bad value stops the process with one sentence) and tries libvips once: without it the
/// process still runs, says once that image jobs cannot run here, and withholds the kinds that need
/// libvips (<see cref="LibvipsAvailability"/>).
/// </summary>
internal sealed class ImagingRuntime : IHostedService
{
    private readonly ImageOptions _options;
    private readonly ILogger<ImagingRuntime> _logger;
    private string? _unavailable;

    private readonly Action<int> _initialize;

    public ImagingRuntime(ImageOptions options, ILogger<ImagingRuntime> logger)
        : this(options, logger, static threads => LibvipsRuntime.EnsureInitialized(threads))
    {
    }

    /// <summary>With another way to start libvips: tests use it to play a machine without libvips.</summary>
    internal ImagingRuntime(ImageOptions options, ILogger<ImagingRuntime> logger, Action<int> initialize)
    {
        _options = options;
        _logger = logger;
        _initialize = initialize;
        LibvipsLogBridge.Sink = message => ImagingLog.VipsMessage(logger, message.TrimEnd());
    }

    /// <summary>Null while libvips works here (or has not been tried yet); otherwise why it cannot, in one sentence.</summary>
    public string? Unavailable => Volatile.Read(ref _unavailable);

    /// <summary>Raised once, when libvips turns out to be unusable here.</summary>
    public event Action? UnavailableChanged;

    /// <summary>Initialises libvips if needed; <see cref="ImagingUnavailableException"/> when it cannot be.</summary>
    public void Ensure()
    {
        try
        {
            _initialize(_options.VipsThreads);
        }
        catch (ImagingUnavailableException exception)
        {
            if (Interlocked.CompareExchange(ref _unavailable, exception.Message, null) is null)
            {
                UnavailableChanged?.Invoke();
            }
            throw;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
        try
        {
            Ensure();
            ImagingLog.VipsReady(_logger, LibvipsRuntime.LibraryVersion?.ToString() ?? "?", _options.VipsThreads);
        }
        catch (ImagingUnavailableException exception)
        {
            ImagingLog.VipsUnavailable(_logger, exception.Message);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
