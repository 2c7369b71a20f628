using System.CommandLine;
using ActorQueue.Cli.Client;
using ActorQueue.Protocol;
using Spectre.Console;

namespace ActorQueue.Cli.Commands;

/// <summary>The action every listing command shares: ask the seed for a page, print it as JSON or as a table.</summary>
internal static class ListCommandAction
{
    public static void SetListAction(this Command command, GlobalOptions globals, CliContext context,
        Func<ParseResult, JobListQuery> query, Action<IAnsiConsole, IReadOnlyList<JobView>, string?> render) =>
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var answer = await client.ListJobsAsync(query(parseResult), ct);
            if (globals.WantsJson(parseResult))
            {
                context.Output.WriteLine(answer.Json);
            }
            else
            {
                render(context.Console, answer.Value.Jobs, answer.Value.Next);
            }

            return CliApp.Ok;
        });
}
