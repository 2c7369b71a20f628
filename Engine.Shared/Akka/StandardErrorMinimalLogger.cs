using Akka.Event;

namespace ActorQueue.Akka;

/// <summary>
/// Akka's minimal logger (<c>akka.stdout-logger-class</c>): what Akka logs before the host's loggers are up and
/// after they have stopped, the last lines of a shutdown. Akka's own <see cref="StandardOutLogger"/> writes them
/// to standard output in Akka's format, even below <c>akka.stdout-loglevel</c>, which breaks a
/// <c>--log-format json</c> stream. This one writes only warnings and errors, to standard error, so that
/// standard output carries nothing but ActorQueue's own log lines.
/// </summary>
internal sealed class StandardErrorMinimalLogger : MinimalLogger
{
    public static string TypeName => $"{typeof(StandardErrorMinimalLogger).FullName}, {typeof(StandardErrorMinimalLogger).Assembly.GetName().Name}";

    protected override void Log(object message)
    {
        if (message is LogEvent logEvent && logEvent.LogLevel() >= LogLevel.WarningLevel)
        {
            Console.Error.WriteLine(logEvent.ToString());
        }
    }
}
