using ActorQueue.Protocol;

namespace ActorQueue.Cli.Client;

internal sealed partial class SeedClient
{
    public Task<SeedAnswer<ClusterView>> ClusterAsync(CancellationToken ct) =>
        SendAsync(HttpMethod.Get, "api/cluster", null, WireJsonContext.Default.ClusterView, RequestTimeout, ct);

    public Task<SeedAnswer<MemberActionResponse>> LeaveAsync(string memberId, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, MemberPath(memberId) + "/leave", null, WireJsonContext.Default.MemberActionResponse, RequestTimeout, ct);

    public Task<SeedAnswer<MemberActionResponse>> DownAsync(string memberId, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, MemberPath(memberId) + "/down", null, WireJsonContext.Default.MemberActionResponse, RequestTimeout, ct);

    private static string MemberPath(string id) => "api/cluster/members/" + Uri.EscapeDataString(id);
}
