using Spectre.Console;

namespace ActorQueue.Cli;

/// <summary>Where a CLI run writes (plain text and Spectre renderings) and which clock it uses.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, IAnsiConsole console, TimeProvider time, IAnsiConsole? live = null)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Spectre console over <see cref="Output"/>, for tables.</summary>
    public IAnsiConsole Console { get; } = console;

    public TimeProvider Time { get; } = time;

    /// <summary>
    /// Spectre console over <see cref="Output"/> for live displays (progress bars) when it is a
    /// terminal; null when the output goes to a file, a pipe or a test, which get plain lines instead.
    /// </summary>
    public IAnsiConsole? Live { get; } = live;
}
