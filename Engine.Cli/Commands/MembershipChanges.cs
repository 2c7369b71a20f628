using System.Text.Json;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Commands;

/// <summary>What changed between two looks at the membership, as lines for <c>aq cluster tail</c>.</summary>
internal static class MembershipChanges
{
    private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<Dictionary<string, string?>> OneLine =
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<Dictionary<string, string?>>)new JsonSerializerOptions(CliJsonContext.Default.Options) { WriteIndented = false }
            .GetTypeInfo(typeof(Dictionary<string, string?>));

    public sealed record Change(string Event, MemberView Member, string? From)
    {
        public string ToText() => Event switch
        {
            "member" => $"{Member.Name} ({Member.Id}) {Member.Role} is {Member.Status}",
            "joined" => $"{Member.Name} ({Member.Id}) joined as {Member.Role}: {Member.Status}",
            "removed" => $"{Member.Name} ({Member.Id}) is no longer listed",
            _ => $"{Member.Name} ({Member.Id}) {From} -> {Member.Status}",
        };

        /// <summary>One line of NDJSON.</summary>
        public string ToJson() => JsonSerializer.Serialize(
            new Dictionary<string, string?> { ["event"] = Event, ["id"] = Member.Id, ["name"] = Member.Name, ["from"] = From, ["status"] = Member.Status },
            OneLine);
    }

    /// <summary>On the first look every member is listed; afterwards only joins, status changes and removals.</summary>
    public static IEnumerable<Change> Between(IReadOnlyDictionary<string, MemberView> before, IReadOnlyList<MemberView> now, bool first)
    {
        foreach (var member in now)
        {
            if (first)
            {
                yield return new Change("member", member, null);
            }
            else if (!before.TryGetValue(member.Id, out var previous))
            {
                yield return new Change("joined", member, null);
            }
            else if (previous.Status != member.Status)
            {
                yield return new Change("status", member, previous.Status);
            }
        }
        foreach (var gone in before.Values.Where(b => now.All(m => m.Id != b.Id)))
        {
            yield return new Change("removed", gone, null);
        }
    }
}
