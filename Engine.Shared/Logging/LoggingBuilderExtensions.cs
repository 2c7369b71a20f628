using Microsoft.Extensions.Logging;

namespace ActorQueue.Logging;

public static class LoggingBuilderExtensions
{
    /// <summary>
    /// Replaces the console output with ActorQueue's one format: <paramref name="format"/> is <c>text</c>
    /// (readable, the default) or <c>json</c> (one object per line).
    /// </summary>
    public static ILoggingBuilder AddActorQueueConsole(this ILoggingBuilder logging, string format, string node, string role)
    {
        var json = string.Equals(format, "json", StringComparison.OrdinalIgnoreCase);
        logging.ClearProviders();
        logging.AddConsole(options => options.FormatterName = json ? LogFormatNames.Json : LogFormatNames.Text);
        logging.AddConsoleFormatter<TextLogFormatter, LogFormatOptions>(options => { options.Node = node; options.Role = role; });
        logging.AddConsoleFormatter<JsonLogFormatter, LogFormatOptions>(options => { options.Node = node; options.Role = role; });
        return logging;
    }
}
