using System.Text.Json;
using ActorQueue.Cluster.Commands;
using ActorQueue.Cluster.Directory;
using ActorQueue.Datasets.Sharding;
using ActorQueue.Protocol;
using ActorQueue.Seed.Api.Docs;
using ActorQueue.Seed.Gateway;
using ActorQueue.Storage;

namespace ActorQueue.Seed.Api;

/// <summary>
/// The <c>/api/cluster</c> routes: the pbm palette (<c>aq cluster show | status | leader | tail | join | leave |
/// down | down-unreachable | sharding</c>) served from Akka's own membership (<see cref="MembershipView"/>), cluster
/// API and sharding queries.
/// </summary>
internal static class ClusterRoutes
{
    public static IEndpointRouteBuilder MapClusterRoutes(this IEndpointRouteBuilder app)
    {
        var cluster = app.MapGroup("/api/cluster").WithTags("Cluster");
        cluster.MapGet("/", ShowAsync)
            .WithSummary("The cluster's members")
            .WithDescription("Akka's members as this seed sees them (status, reachability, roles), with what each runs (queues, kinds, running jobs, datasets).")
            .Produces<ClusterView>();
        cluster.MapGet("/events", TailAsync)
            .WithSummary("Follow membership")
            .WithDescription("Server-Sent Events: every current member (event current), then each membership or reachability change as it happens.")
            .Produces<MembershipEventView>(StatusCodes.Status200OK, "text/event-stream");
        cluster.MapGet("/sharding", ShardingAsync)
            .WithSummary("The dataset shard regions")
            .WithDescription("Each worker's dataset region: its shards and the datasets active in each (aq cluster sharding regions | region-stats).")
            .Produces<ShardingView>();
        cluster.MapPost("/join", JoinAsync)
            .WithSummary("Admit a node to the cluster")
            .WithDescription("Tells a process that is not yet in a cluster (its Akka address) to join this one.")
            .WithBody<JoinRequest>("application/json")
            .Produces<MemberActionResponse>(StatusCodes.Status202Accepted)
            .WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status502BadGateway);
        cluster.MapPost("/down-unreachable", DownUnreachableAsync)
            .WithSummary("Down every unreachable member")
            .Produces<DownUnreachableResponse>();
        cluster.MapPost("/members/{member}/leave", LeaveAsync)
            .WithSummary("Ask a member to leave gracefully")
            .WithDescription("The member stops taking work, finishes what it runs (or hands it back at its shutdown deadline), then leaves and exits.")
            .WithPathDescription("member", "The member's name, address (with or without akka.tcp://actorqueue@) or id.")
            .Produces<MemberActionResponse>(StatusCodes.Status202Accepted)
            .WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        cluster.MapPost("/members/{member}/down", DownAsync)
            .WithSummary("Mark a member down now")
            .WithDescription("The ledger fences the member and its running jobs go back to the queue.")
            .WithPathDescription("member", "The member's name, address (with or without akka.tcp://actorqueue@) or id.")
            .Produces<MemberActionResponse>()
            .WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> ShowAsync(MembershipView view, IStore store, DatasetPlacement placement, HttpContext context)
    {
        var snapshot = view.Current;
        var members = await ClusterViews.MembersAsync(snapshot.Members, store, placement, context.RequestAborted);
        var cluster = new ClusterView(snapshot.SelfId, snapshot.LeaderAddress, members) { StoreId = await store.GetStoreIdAsync(context.RequestAborted) };
        return Results.Json(cluster, WireJson.Info<ClusterView>());
    }

    private static async Task<IResult> ShardingAsync(DatasetPlacement placement, MembershipView view, HttpContext context) =>
        Results.Json(await ShardingViews.FromAsync(placement, view.Current, context.RequestAborted), WireJson.Info<ShardingView>());

    private static IResult LeaveAsync(string member, ClusterCommands commands) =>
        Act(() => new MemberActionResponse("leave", ClusterViews.From(commands.Leave(Unescape(member))),
            "The member stops taking work, finishes what it runs (or hands it back at its shutdown deadline), then leaves and exits."), 202);

    private static IResult DownAsync(string member, ClusterCommands commands) =>
        Act(() => new MemberActionResponse("down", ClusterViews.From(commands.Down(Unescape(member))),
            "The member is marked down: the ledger fences it and its running jobs go back to the queue."), 200);

    private static IResult DownUnreachableAsync(ClusterCommands commands)
    {
        var downed = commands.DownUnreachable();
        return Results.Json(new DownUnreachableResponse([.. downed.Select(m => ClusterViews.From(m))]), WireJson.Info<DownUnreachableResponse>());
    }

    private static async Task<IResult> JoinAsync(HttpRequest request, ClusterCommands commands)
    {
        var body = await RequestJson.ReadAsync(request, WireJsonContext.Default.JoinRequest);
        if (string.IsNullOrWhiteSpace(body?.Address))
        {
            throw RequestRejectedException.Invalid("address is required, e.g. {\"address\":\"akka.tcp://actorqueue@10.0.0.7:4054\"}.");
        }
        try
        {
            var detail = await commands.JoinAsync(body.Address, request.HttpContext.RequestAborted);
            return Results.Json(new MemberActionResponse("join", null, detail), WireJson.Info<MemberActionResponse>(), statusCode: 202);
        }
        catch (ClusterCommandException exception)
        {
            throw new RequestRejectedException(exception.Status, exception.Title, exception.Message);
        }
    }

    /// <summary>Server-Sent Events: every current member first (<c>current</c>), then each change as it happens.</summary>
    private static async Task TailAsync(HttpContext context, MembershipView view)
    {
        var cancellationToken = context.RequestAborted;
        var events = System.Threading.Channels.Channel.CreateUnbounded<MembershipEvent>(new() { SingleReader = true });
        void OnEvent(MembershipEvent e) => events.Writer.TryWrite(e);
        view.EventOccurred += OnEvent;
        try
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            var now = DateTimeOffset.UtcNow;
            foreach (var member in view.Current.Members)
            {
                await WriteAsync(context, new MembershipEvent(now, "current", member.Id, member.Address, member.Capabilities?.Name, member.Status, member.Reachable), cancellationToken);
            }
            await context.Response.Body.FlushAsync(cancellationToken);
            await foreach (var e in events.Reader.ReadAllAsync(cancellationToken))
            {
                await WriteAsync(context, e, cancellationToken);
                await context.Response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            view.EventOccurred -= OnEvent;
        }
    }

    private static async Task WriteAsync(HttpContext context, MembershipEvent e, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(new MembershipEventView(e.At, e.Kind, e.MemberId, e.Address, e.Name, e.Status, e.Reachable), WireJsonContext.Default.MembershipEventView);
        await context.Response.WriteAsync($"event: {e.Kind}\ndata: {json}\n\n", cancellationToken);
    }

    /// <summary>An address in a path segment keeps its escaped slashes (<c>%2F</c>): routing decodes everything else.</summary>
    private static string Unescape(string member) => Uri.UnescapeDataString(member);

    private static IResult Act(Func<MemberActionResponse> action, int status)
    {
        try
        {
            return Results.Json(action(), WireJson.Info<MemberActionResponse>(), statusCode: status);
        }
        catch (ClusterCommandException exception)
        {
            throw new RequestRejectedException(exception.Status, exception.Title, exception.Message);
        }
    }
}
