using System.CommandLine;
using ActorQueue.Cli.Client;

namespace ActorQueue.Cli.Commands;

/// <summary>
/// Runs a command's body against the seed and maps expected failures to exit codes with one
/// line on stderr: a failed request or unreachable seed is 1, bad usage 2. Anything else is a
/// bug in aq and is left to System.CommandLine's exception handler.
/// </summary>
internal static class CommandRunner
{
    public delegate Task<int> SeedCommand(SeedClient client, CancellationToken ct);

    public static void SetSeedAction(
        this Command command, GlobalOptions globals, CliContext context, Func<ParseResult, SeedCommand> body, Func<ParseResult, int>? connections = null)
    {
        command.SetAction((parseResult, ct) =>
            RunAsync(globals, context, parseResult, body(parseResult), connections?.Invoke(parseResult) ?? 1, ct));
    }

    private static async Task<int> RunAsync(
        GlobalOptions globals, CliContext context, ParseResult parseResult, SeedCommand body, int connections, CancellationToken ct)
    {
        try
        {
            var settings = globals.ReadSeed(parseResult);
            using var http = SeedHttp.CreateClient(settings, connections);
            return await body(new SeedClient(http, settings), ct);
        }
        catch (CliUsageException ex)
        {
            context.Error.WriteLine($"aq: {ex.Message}");
            return CliApp.BadUsage;
        }
        catch (SeedClientException ex)
        {
            context.Error.WriteLine($"aq: {ex.Message}");
            return CliApp.Failed;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            context.Error.WriteLine("aq: interrupted.");
            return CliApp.Failed;
        }
    }
}
