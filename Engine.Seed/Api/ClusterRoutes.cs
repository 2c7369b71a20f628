using ActorQueue.Cluster;
using ActorQueue.Hosting;
using ActorQueue.Protocol;
using ActorQueue.Seed.Gateway;
using ActorQueue.Storage;

namespace ActorQueue.Seed.Api;

/// <summary>The <c>/api/cluster</c> routes: membership as <c>aq cluster show</c> sees it, and leave/down.</summary>
internal static class ClusterRoutes
{
    public static IEndpointRouteBuilder MapClusterRoutes(this IEndpointRouteBuilder app)
    {
        var cluster = app.MapGroup("/api/cluster");
        cluster.MapGet("/", ShowAsync);
        cluster.MapPost("/members/{id}/leave", LeaveAsync);
        cluster.MapPost("/members/{id}/down", DownAsync);
        return app;
    }

    private static async Task<IResult> ShowAsync(IStore store, NodeIdentity self, TimeProvider time, HttpContext context)
    {
        var members = await MembersAsync(store, time, context.RequestAborted);
        var leader = await store.GetLeaderAsync(context.RequestAborted);
        return Results.Json(new ClusterView(self.Id, leader, members), WireJson.Info<ClusterView>());
    }

    private static async Task<IResult> LeaveAsync(string id, IStore store, NodeIdentity self, TimeProvider time,
        IHostApplicationLifetime lifetime, HttpContext context)
    {
        var member = await FindAsync(store, time, id, context.RequestAborted);
        EnsureActive(member, "leave");
        if (id == self.Id)
        {
            // The seed itself: answer first, then stop gracefully (running jobs drain).
            context.Response.OnCompleted(() =>
            {
                lifetime.StopApplication();
                return Task.CompletedTask;
            });
            return Results.Json(new MemberActionResponse(member with { Status = "leaving" }, 0), WireJson.Info<MemberActionResponse>(), statusCode: 202);
        }
        await store.SetNodeStatusAsync(id, NodeStatus.Leaving, context.RequestAborted);
        var after = await FindAsync(store, time, id, context.RequestAborted);
        return Results.Json(new MemberActionResponse(after, 0), WireJson.Info<MemberActionResponse>(), statusCode: 202);
    }

    private static async Task<IResult> DownAsync(string id, IStore store, NodeIdentity self, TimeProvider time, HttpContext context)
    {
        if (id == self.Id)
        {
            throw RequestRejectedException.Conflict("Cannot down the seed",
                "A member cannot mark itself down; use leave to stop the seed gracefully.");
        }
        var member = await FindAsync(store, time, id, context.RequestAborted);
        EnsureActive(member, "down");
        await store.SetNodeStatusAsync(id, NodeStatus.Down, context.RequestAborted);
        var rescued = await store.RescueAsync(context.RequestAborted);
        // Its datasets move now instead of when their leases lapse.
        await ((IDatasetStore)store).ReleaseDatasetLeasesOfAsync(id, context.RequestAborted);
        var after = await FindAsync(store, time, id, context.RequestAborted);
        return Results.Json(new MemberActionResponse(after, rescued), WireJson.Info<MemberActionResponse>());
    }

    private static void EnsureActive(MemberView member, string action)
    {
        if (member.Status is "left" or "down")
        {
            throw RequestRejectedException.Conflict("Member already gone", $"Member {member.Name} ({member.Id}) is {member.Status}; there is nothing to {action}.");
        }
    }

    private static async Task<MemberView> FindAsync(IStore store, TimeProvider time, string id, CancellationToken cancellationToken) =>
        (await MembersAsync(store, time, cancellationToken)).FirstOrDefault(m => m.Id == id)
        ?? throw new RequestRejectedException(404, "Member not found", $"No cluster member has the id '{id}'; aq cluster show lists them.");

    private static async Task<IReadOnlyList<MemberView>> MembersAsync(IStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var nodes = await store.ListNodesAsync(cancellationToken);
        var running = await store.CountRunningByNodeAsync(cancellationToken);
        var datasets = await ((IDatasetStore)store).CountDatasetsByOwnerAsync(cancellationToken);
        var now = time.GetUtcNow();
        return nodes.Select(n => new MemberView
        {
            Id = n.Id,
            Name = n.Name,
            Role = n.Role.ToString().ToLowerInvariant(),
            Address = n.Address,
            Status = n.Status.ToString().ToLowerInvariant(),
            HeartbeatAgeMs = Math.Max(0, (long)(now - n.HeartbeatAt).TotalMilliseconds),
            Queues = n.Queues,
            RunningJobs = running.GetValueOrDefault(n.Id),
            Datasets = datasets.GetValueOrDefault(n.Id),
            StartedAt = n.StartedAt,
        }).ToList();
    }
}
