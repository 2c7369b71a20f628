using ActorQueue.Cli.Commands;
using ActorQueue.Protocol;

namespace ActorQueue.Tests.Cli;

[Trait("Category", "Unit")]
public sealed class MembershipChangesTests
{
    private static MemberView Member(string id, string status) => new() { Id = id, Name = "n-" + id, Role = "worker", Status = status };

    [Fact]
    public void After_the_first_look_only_joins_status_changes_and_removals_are_reported()
    {
        var before = new Dictionary<string, MemberView> { ["a"] = Member("a", "up"), ["b"] = Member("b", "up"), ["c"] = Member("c", "up") };
        var now = new[] { Member("a", "up"), Member("b", "unreachable"), Member("d", "up") };

        var changes = MembershipChanges.Between(before, now, first: false).Select(c => c.ToText()).ToList();

        Assert.Equal(
        [
            "n-b (b) up -> unreachable",
            "n-d (d) joined as worker: up",
            "n-c (c) is no longer listed",
        ], changes);
    }

    [Fact]
    public void The_first_look_lists_every_member()
    {
        var changes = MembershipChanges.Between(new Dictionary<string, MemberView>(), [Member("a", "up"), Member("b", "leaving")], first: true).ToList();

        Assert.Equal(["member", "member"], changes.Select(c => c.Event));
        Assert.Contains("\"status\":\"leaving\"", changes[1].ToJson(), StringComparison.Ordinal);
    }
}
