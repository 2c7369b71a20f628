using System.Net;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Cluster;

/// <summary>The embedded seed is a one-member Akka cluster: <c>/api/cluster</c> shows it, and the palette refuses what cannot be.</summary>
[Trait("Category", "Integration")]
public sealed class ClusterApiTests : IAsyncLifetime
{
    private SeedServer _seed = null!;

    public async Task InitializeAsync() => _seed = await SeedServer.StartAsync(["--name", "seed-1"]);

    public async Task DisposeAsync() => await _seed.DisposeAsync();

    [Fact]
    public async Task The_seed_lists_itself_as_an_up_member_with_both_roles_and_leads()
    {
        var cluster = await _seed.Http.GetClusterAsync();

        var self = Assert.Single(cluster.Members);
        Assert.Equal(cluster.Self, self.Id);
        Assert.Equal(self.Address, cluster.Leader);
        Assert.Equal(("seed-1", "seed", "up", true), (self.Name, self.Role, self.Status, self.Reachable));
        Assert.Equal(["seed", "worker"], self.Roles);
        Assert.StartsWith("akka.tcp://actorqueue@127.0.0.1:", self.Address, StringComparison.Ordinal);
        Assert.Equal(32, self.Queues["default"]);
        Assert.Equal("default", self.Kinds["echo"]);
        Assert.False(string.IsNullOrEmpty(cluster.StoreId));
    }

    [Theory]
    [InlineData("/api/cluster/members/nobody/down")]
    [InlineData("/api/cluster/members/nobody/leave")]
    public async Task A_member_nobody_is_called_is_a_404_that_says_where_members_are_listed(string url)
    {
        using var response = await _seed.Http.PostAsync(url, null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No member of the cluster has the name, address or id 'nobody'; aq cluster show lists them.", (await response.ProblemAsync()).Detail);
    }

    [Fact]
    public async Task The_seed_cannot_down_itself_by_name_address_or_id()
    {
        var self = (await _seed.Http.GetClusterAsync()).Members.Single();

        foreach (var member in new[] { "seed-1", self.Address!, self.Id })
        {
            using var response = await _seed.Http.PostAsync($"/api/cluster/members/{Uri.EscapeDataString(member)}/down", null);

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains("Use leave to stop it gracefully", (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Joining_an_address_where_nothing_answers_is_a_502_that_says_so()
    {
        using var response = await _seed.Http.PostAsync("/api/cluster/join",
            new StringContent($$"""{"address":"akka.tcp://actorqueue@127.0.0.1:{{SeedProcess.FreePort()}}"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("No ActorQueue process answered at akka.tcp://actorqueue@127.0.0.1:", (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"address":"seed:4053"}""")]
    [InlineData("""{"address":"akka.tcp://othersystem@seed:4053"}""")]
    [InlineData("""{"address":"akka.udp://actorqueue@seed:4053"}""")]
    public async Task Joining_something_that_is_not_a_member_address_is_a_400(string body)
    {
        using var response = await _seed.Http.PostAsync("/api/cluster/join", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("akka.tcp://actorqueue@seed:4053", (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Down_unreachable_with_nobody_unreachable_downs_nobody()
    {
        using var response = await _seed.Http.PostAsync("/api/cluster/down-unreachable", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"downed\":[]", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
