using System.Runtime.CompilerServices;
using System.Text.Json;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Client;

internal sealed partial class SeedClient
{
    public Task<SeedAnswer<ClusterView>> ClusterAsync(CancellationToken ct) =>
        SendAsync(HttpMethod.Get, "api/cluster", null, WireJsonContext.Default.ClusterView, RequestTimeout, ct);

    public Task<SeedAnswer<ShardingView>> ShardingAsync(CancellationToken ct) =>
        SendAsync(HttpMethod.Get, "api/cluster/sharding", null, WireJsonContext.Default.ShardingView, RequestTimeout, ct);

    public Task<SeedAnswer<MemberActionResponse>> LeaveAsync(string member, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, MemberPath(member) + "/leave", null, WireJsonContext.Default.MemberActionResponse, RequestTimeout, ct);

    public Task<SeedAnswer<MemberActionResponse>> DownAsync(string member, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, MemberPath(member) + "/down", null, WireJsonContext.Default.MemberActionResponse, RequestTimeout, ct);

    public Task<SeedAnswer<DownUnreachableResponse>> DownUnreachableAsync(CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "api/cluster/down-unreachable", null, WireJsonContext.Default.DownUnreachableResponse, RequestTimeout, ct);

    public Task<SeedAnswer<MemberActionResponse>> JoinAsync(string address, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "api/cluster/join", Body(new JoinRequest(address), WireJsonContext.Default.JoinRequest),
            WireJsonContext.Default.MemberActionResponse, RequestTimeout, ct);

    /// <summary>
    /// <c>GET /api/cluster/events</c>: the current members, then every membership change as the seed pushes it,
    /// until <paramref name="ct"/> fires or the seed closes the stream.
    /// </summary>
    public async IAsyncEnumerable<(MembershipEventView Event, string Json)> ClusterEventsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync("api/cluster/events", HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(ex);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw Problem(response, await response.Content.ReadAsStringAsync(ct));
            }
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    continue;
                }
                var json = line["data: ".Length..];
                MembershipEventView? e;
                try
                {
                    e = JsonSerializer.Deserialize(json, WireJsonContext.Default.MembershipEventView);
                }
                catch (JsonException ex)
                {
                    throw new SeedClientException($"The seed at {settings.Display} sent a membership event aq cannot read: {ex.Message}", ex);
                }
                if (e is not null)
                {
                    yield return (e, json);
                }
            }
        }
    }

    private static string MemberPath(string member) => "api/cluster/members/" + Uri.EscapeDataString(member);
}
