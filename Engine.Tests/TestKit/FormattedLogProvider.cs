using System.Collections.Concurrent;
using System.Text.Json;
using ActorQueue.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ActorQueue.Tests.TestKit;

/// <summary>
/// Writes every entry with the engine's own console formatter (JSON or text), scopes included, and keeps the lines:
/// what a user reads in the process's output.
/// </summary>
internal sealed class FormattedLogProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConsoleFormatter _formatter;
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public FormattedLogProvider(bool json)
    {
        var options = new Monitor(new LogFormatOptions { Node = "test", Role = "seed" });
        _formatter = json ? new JsonLogFormatter(options) : new TextLogFormatter(options);
    }

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>The JSON lines whose <c>jobId</c> is <paramref name="jobId"/> (JSON format only).</summary>
    public IReadOnlyList<JsonElement> AboutJob(string jobId) =>
        [.. Lines.Select(line => JsonDocument.Parse(line).RootElement).Where(json => json.TryGetProperty("jobId", out var id) && id.GetString() == jobId)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(FormattedLogProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var output = new StringWriter();
            owner._formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), owner._scopes, output);
            owner._lines.Enqueue(output.ToString().TrimEnd('\n'));
        }
    }

    private sealed class Monitor(LogFormatOptions value) : IOptionsMonitor<LogFormatOptions>
    {
        public LogFormatOptions CurrentValue => value;

        public LogFormatOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<LogFormatOptions, string?> listener) => null;
    }
}
