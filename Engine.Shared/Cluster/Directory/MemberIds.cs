using System.Globalization;
using Akka.Cluster;

namespace ActorQueue.Cluster.Directory;

/// <summary>
/// A member's id: its host, port and incarnation uid (<c>10.0.0.5:4053-1a2b3c4d</c>). Unique per process
/// start, so a restarted process is a new member; the ledger records it on every claim, and the rescue
/// singleton fences it when the cluster removes the member.
/// </summary>
public static class MemberIds
{
    public static string Of(UniqueAddress member) =>
        $"{member.Address.Host}:{member.Address.Port?.ToString(CultureInfo.InvariantCulture) ?? "0"}-{((uint)member.Uid).ToString("x8", CultureInfo.InvariantCulture)}";
}
