using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using ActorQueue.Cli.Commands;
using Spectre.Console;

namespace ActorQueue.Cli;

/// <summary>
/// The <c>aq</c> command line: builds the command tree, turns every parse error into exit code 2
/// with the message on stderr, and runs the chosen command. Callable in-process for tests.
/// </summary>
internal static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadUsage = 2;

    /// <summary>Width for tables when the output is not a terminal (files, pipes, tests).</summary>
    private const int RedirectedWidth = 200;

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, stdout, stderr, TimeProvider.System);

    internal static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider time)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        var terminal = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
        if (!terminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        // Live displays need the terminal's ANSI support, which the console for tables leaves off.
        var live = terminal ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) }) : null;
        var context = new CliContext(stdout, stderr, console, time, live);
        var root = BuildRoot(context);
        var parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            return ReportParseErrors(parseResult, stderr);
        }

        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await parseResult.InvokeAsync(invocation);
    }

    private static RootCommand BuildRoot(CliContext context)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand("aq: the ActorQueue command line client (submit and inspect jobs, re-drive the DLQ, feed datasets, thumbnail and classify images, load-test a seed).");
        globals.AddTo(root);
        root.Add(JobsCommands.Create(globals, context));
        root.Add(DlqCommands.Create(globals, context));
        root.Add(DatasetsCommands.Create(globals, context));
        root.Add(ClusterCommands.Create(globals, context));
        root.Add(ImagesCommands.Create(globals, context));
        root.Add(ClassifyCommand.Create(globals, context));
        root.Add(ModelsCommands.Create(globals, context));
        root.Add(BenchCommand.Create(globals, context));
        return root;
    }

    private static int ReportParseErrors(ParseResult parseResult, TextWriter stderr)
    {
        var errors = parseResult.Errors.Select(e => e.Message).Distinct().ToList();

        // "Required command was not provided." next to "Unrecognized command 'x'" only adds noise.
        if (errors.Count > 1 && parseResult.UnmatchedTokens.Count > 0)
        {
            errors.RemoveAll(m => m.StartsWith("Required command was not provided", StringComparison.Ordinal));
        }

        foreach (var message in errors)
        {
            stderr.WriteLine($"aq: {message}");
        }

        stderr.WriteLine($"Run '{CommandPath(parseResult)} --help' for usage.");
        return BadUsage;
    }

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as CommandResult)
        {
            names.Add(result.Command is RootCommand ? "aq" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
