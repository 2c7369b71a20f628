using System.CommandLine;
using ActorQueue.Cli.Output;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Commands;

/// <summary><c>aq cluster show|leave|down|tail</c>, after Akka.NET's <c>pbm cluster</c> commands.</summary>
internal static class ClusterCommands
{
    public static Command Create(GlobalOptions globals, CliContext context) =>
        new("cluster", "Cluster membership: show members, ask one to leave, mark one down, follow changes")
        {
            Show(globals, context),
            Action(globals, context, "leave", "Ask a member to stop taking work, finish what it holds and leave", leave: true),
            Action(globals, context, "down", "Mark a member down now: it is fenced off and its jobs are rescued", leave: false),
            Tail(globals, context),
        };

    private static Command Show(GlobalOptions globals, CliContext context)
    {
        var command = new Command("show", "List every member: id, name, role, address, status, heartbeat age, queues, running jobs");
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var answer = await client.ClusterAsync(ct);
            if (globals.WantsJson(parseResult))
            {
                context.Output.WriteLine(answer.Json);
            }
            else
            {
                ClusterTables.WriteMembers(context.Console, answer.Value);
            }
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Action(GlobalOptions globals, CliContext context, string name, string description, bool leave)
    {
        var id = new Argument<string>("ID") { Description = "The member id (aq cluster show lists them)" };
        var command = new Command(name, description) { id };
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var memberId = parseResult.GetRequiredValue(id);
            var answer = leave ? await client.LeaveAsync(memberId, ct) : await client.DownAsync(memberId, ct);
            if (globals.WantsJson(parseResult))
            {
                context.Output.WriteLine(answer.Json);
            }
            else
            {
                var member = answer.Value.Member;
                context.Output.WriteLine(leave
                    ? $"{member.Name} ({member.Id}) is {member.Status}: it finishes its running jobs, then leaves."
                    : $"{member.Name} ({member.Id}) is {member.Status}; {answer.Value.RescuedJobs} job(s) rescued.");
            }
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Tail(GlobalOptions globals, CliContext context)
    {
        var interval = new Option<double?>("--interval") { Description = "Seconds between looks at the membership [default: 1]", HelpName = "SECONDS" }
            .SecondsBetween(0.1, 3600);
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds (default: until Ctrl-C)", HelpName = "SECONDS" }
            .Positive();
        var command = new Command("tail", "Print membership changes as they happen (joins, status changes, departures)") { interval, duration };
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            using var limit = parseResult.GetValue(duration) is { } seconds
                ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds), context.Time)
                : new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, limit.Token);
            var json = globals.WantsJson(parseResult);
            var known = new Dictionary<string, MemberView>(StringComparer.Ordinal);
            var first = true;
            try
            {
                while (true)
                {
                    // The first look always completes, however short --duration is.
                    var cluster = (await client.ClusterAsync(first ? ct : linked.Token)).Value;
                    foreach (var line in MembershipChanges.Between(known, cluster.Members, first))
                    {
                        context.Output.WriteLine(json ? line.ToJson() : line.ToText());
                    }
                    known = cluster.Members.ToDictionary(m => m.Id, StringComparer.Ordinal);
                    first = false;
                    await Task.Delay(TimeSpan.FromSeconds(parseResult.GetValue(interval) ?? 1), context.Time, linked.Token);
                }
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                return CliApp.Ok;
            }
        });
        return command;
    }
}
