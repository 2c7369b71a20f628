using System.Collections.Immutable;

namespace ActorQueue.Cluster.Directory;

/// <summary>One member as the directory knows it: Akka's view (address, roles, status, reachability) and what it advertised.</summary>
public sealed record MemberInfo
{
    public required string Id { get; init; }
    public required string Address { get; init; }
    public required ImmutableArray<string> Roles { get; init; }

    /// <summary>Akka's member status in lowercase: joining, up, leaving, exiting, down, removed.</summary>
    public required string Status { get; init; }

    public bool Reachable { get; init; } = true;

    /// <summary>When this member was first seen up (by the member that reports it).</summary>
    public DateTimeOffset? UpSince { get; init; }

    /// <summary>Its app version as Akka carries it.</summary>
    public string Version { get; init; } = "";

    /// <summary>Null until the member has told what it is (name, queues, kinds).</summary>
    public MemberCapabilities? Capabilities { get; init; }

    public string Name => Capabilities?.Name ?? Address;

    /// <summary>A member that takes part in the cluster now (not leaving for good, not downed).</summary>
    public bool IsLive => Status is "joining" or "up" or "weaklyup";
}

/// <summary>The whole cluster at one moment, as this process sees it.</summary>
public sealed record MembershipSnapshot(string SelfId, string SelfAddress, string? LeaderAddress, ImmutableArray<MemberInfo> Members)
{
    public static readonly MembershipSnapshot Empty = new("", "", null, []);

    public MemberInfo? Self => Members.FirstOrDefault(m => m.Id == SelfId);

    /// <summary>
    /// A member by name, address (with or without <c>akka.tcp://actorqueue@</c>) or id; null when none matches.
    /// <see cref="AmbiguousMemberException"/> when a name matches several live members.
    /// </summary>
    public MemberInfo? Find(string member)
    {
        var key = member.Trim();
        var byId = Members.FirstOrDefault(m => string.Equals(m.Id, key, StringComparison.OrdinalIgnoreCase));
        if (byId is not null)
        {
            return byId;
        }
        var byAddress = Members.FirstOrDefault(m => string.Equals(m.Address, key, StringComparison.OrdinalIgnoreCase)
            || string.Equals(m.Address[(m.Address.IndexOf('@') + 1)..], key, StringComparison.OrdinalIgnoreCase));
        if (byAddress is not null)
        {
            return byAddress;
        }
        var byName = Members.Where(m => string.Equals(m.Capabilities?.Name, key, StringComparison.Ordinal)).ToList();
        return byName.Count switch
        {
            0 => null,
            1 => byName[0],
            _ => throw new AmbiguousMemberException($"Several members are named '{key}' ({string.Join(", ", byName.Select(m => m.Id))}); name one by its id or address."),
        };
    }
}

/// <summary>A member name that matches several members.</summary>
public sealed class AmbiguousMemberException(string message) : Exception(message);

/// <summary>One membership or reachability change, as <c>aq cluster tail</c> prints it.</summary>
public sealed record MembershipEvent(DateTimeOffset At, string Kind, string MemberId, string Address, string? Name, string Status, bool Reachable);
