namespace ActorQueue.Logging;

/// <summary>Options of the one log format every ActorQueue process writes.</summary>
public sealed class LogFormatOptions : Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions
{
    /// <summary>The node name written on every line.</summary>
    public string Node { get; set; } = Environment.MachineName;

    /// <summary><c>seed</c>, <c>node</c> or <c>cli</c>.</summary>
    public string Role { get; set; } = "seed";
}

public static class LogFormatNames
{
    public const string Text = "aq-text";
    public const string Json = "aq-json";
}
