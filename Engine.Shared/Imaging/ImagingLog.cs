using Microsoft.Extensions.Logging;

namespace ActorQueue.Imaging;

/// <summary>Log events of image jobs and libvips. Event ids 7000–7099; the event name is the log's "action".</summary>
internal static partial class ImagingLog
{
    [LoggerMessage(7000, LogLevel.Information, "libvips {Version} ready: {Threads} thread(s) per operation, operation cache off, loaders JPEG, PNG and WebP only", EventName = "VipsReady")]
    public static partial void VipsReady(ILogger logger, string version, int threads);

    [LoggerMessage(7001, LogLevel.Warning, "Image jobs cannot run in this process: {Reason}", EventName = "VipsUnavailable")]
    public static partial void VipsUnavailable(ILogger logger, string reason);

    [LoggerMessage(7002, LogLevel.Debug, "libvips: {Message}", EventName = "VipsMessage")]
    public static partial void VipsMessage(ILogger logger, string message);

    [LoggerMessage(7003, LogLevel.Debug, "Job {JobId}: {Count} thumbnail(s) from a {Width}×{Height} {Format} in {Milliseconds:0.0} ms", EventName = "ThumbnailsRendered")]
    public static partial void ThumbnailsRendered(ILogger logger, string jobId, int count, int width, int height, string format, double milliseconds);

    [LoggerMessage(7004, LogLevel.Information, "Job {JobId} discarded: {Reason}", EventName = "ImageRefused")]
    public static partial void ImageRefused(ILogger logger, string jobId, string reason);
}
