using System.CommandLine;
using ActorQueue.Cli.Client;
using ActorQueue.Cli.Output;

namespace ActorQueue.Cli.Commands;

/// <summary>
/// <c>aq cluster …</c>: Petabridge.Cmd's cluster palette (<c>pbm cluster show|status|leader|tail|join|leave|down|down-unreachable</c>,
/// <c>cluster sharding regions|region-stats</c>), served by the seed from Akka's own membership and sharding queries.
/// MEMBER is a member's name, address or id.
/// </summary>
internal static class ClusterCommands
{
    public static Command Create(GlobalOptions globals, CliContext context) =>
        new("cluster", "The cluster palette: members, leader, membership events, join, leave, down, sharding")
        {
            Show(globals, context),
            Status(globals, context),
            Leader(globals, context),
            Tail(globals, context),
            Join(globals, context),
            MemberAction(globals, context, "leave", "Ask a member to stop taking work, finish what it runs and leave the cluster"),
            MemberAction(globals, context, "down", "Mark a member down now: the ledger fences it and its running jobs go back to the queue"),
            DownUnreachable(globals, context),
            Sharding(globals, context),
        };

    private static Command Sharding(GlobalOptions globals, CliContext context) =>
        new("sharding", "The shard regions: which ones run, and each node's shards and entities")
        {
            ShardingViewing(globals, context, "regions", "Every shard region: its role, nodes, shards and entities", ClusterTables.Regions),
            ShardingViewing(globals, context, "region-stats", "Per node: address | [roles] | status | | version | shards: N | entities: N", ClusterTables.RegionStats),
        };

    private static Command Show(GlobalOptions globals, CliContext context) =>
        Viewing(globals, context, "show", "Every member: address | [roles] | status | reachability | version", ClusterTables.Show);

    private static Command Status(GlobalOptions globals, CliContext context) =>
        Viewing(globals, context, "status", "The member that answers (the seed), the leader, and the members by status", ClusterTables.Status);

    private static Command Leader(GlobalOptions globals, CliContext context) =>
        Viewing(globals, context, "leader", "The address of the cluster's leader", cluster => [cluster.Leader ?? "No leader: the cluster has no member that is up."]);

    private static Command Viewing(GlobalOptions globals, CliContext context, string name, string description, Func<Protocol.ClusterView, IEnumerable<string>> lines) =>
        Viewing(globals, context, name, description, (client, ct) => client.ClusterAsync(ct), lines);

    private static Command ShardingViewing(GlobalOptions globals, CliContext context, string name, string description, Func<Protocol.ShardingView, IEnumerable<string>> lines) =>
        Viewing(globals, context, name, description, (client, ct) => client.ShardingAsync(ct), lines);

    /// <summary>A read-only command: the seed's answer as JSON with <c>--json</c>, else as the given lines.</summary>
    private static Command Viewing<T>(GlobalOptions globals, CliContext context, string name, string description,
        Func<SeedClient, CancellationToken, Task<SeedAnswer<T>>> ask, Func<T, IEnumerable<string>> lines)
    {
        var command = new Command(name, description);
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var answer = await ask(client, ct);
            if (globals.WantsJson(parseResult))
            {
                context.Output.WriteLine(answer.Json);
                return CliApp.Ok;
            }
            foreach (var line in lines(answer.Value))
            {
                context.Output.WriteLine(line);
            }
            return CliApp.Ok;
        });
        return command;
    }

    private static Command MemberAction(GlobalOptions globals, CliContext context, string name, string description)
    {
        var member = new Argument<string>("MEMBER") { Description = "The member's name, address or id (aq cluster show lists them)" };
        var command = new Command(name, description) { member };
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var target = parseResult.GetRequiredValue(member);
            var answer = name == "leave" ? await client.LeaveAsync(target, ct) : await client.DownAsync(target, ct);
            if (globals.WantsJson(parseResult))
            {
                context.Output.WriteLine(answer.Json);
            }
            else
            {
                var who = answer.Value.Member is { } m ? ClusterTables.Member(m) : target;
                context.Output.WriteLine($"{who}: {answer.Value.Member?.Status}. {answer.Value.Detail}");
            }
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Join(GlobalOptions globals, CliContext context)
    {
        var address = new Argument<string>("ADDRESS") { Description = "The Akka address of a process not yet in a cluster, akka.tcp://actorqueue@HOST:PORT" };
        var command = new Command("join", "Tell a process that is not in a cluster yet to join the seed's cluster") { address };
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var answer = await client.JoinAsync(parseResult.GetRequiredValue(address), ct);
            context.Output.WriteLine(globals.WantsJson(parseResult) ? answer.Json : answer.Value.Detail);
            return CliApp.Ok;
        });
        return command;
    }

    private static Command DownUnreachable(GlobalOptions globals, CliContext context)
    {
        var command = new Command("down-unreachable", "Mark every unreachable member down");
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var answer = await client.DownUnreachableAsync(ct);
            if (globals.WantsJson(parseResult))
            {
                context.Output.WriteLine(answer.Json);
                return CliApp.Ok;
            }
            foreach (var member in answer.Value.Downed)
            {
                context.Output.WriteLine($"Downed {ClusterTables.Member(member)}");
            }
            context.Output.WriteLine($"Count: {answer.Value.Downed.Count} nodes downed");
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Tail(GlobalOptions globals, CliContext context)
    {
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds (default: until Ctrl-C)", HelpName = "SECONDS" }
            .Positive();
        var command = new Command("tail", "Print membership and reachability events as the seed pushes them (the current members first)") { duration };
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            using var limit = parseResult.GetValue(duration) is { } seconds
                ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds), context.Time)
                : new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, limit.Token);
            var json = globals.WantsJson(parseResult);
            try
            {
                await foreach (var (e, raw) in client.ClusterEventsAsync(linked.Token))
                {
                    context.Output.WriteLine(json ? raw : ClusterTables.Event(e));
                }
                context.Error.WriteLine("aq: the seed closed the event stream.");
                return CliApp.Failed;
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                return CliApp.Ok;
            }
        });
        return command;
    }
}
