using System.Globalization;
using ActorQueue.Protocol;
using Spectre.Console;

namespace ActorQueue.Cli.Output;

/// <summary>The membership table of <c>aq cluster show</c>, in the manner of <c>pbm cluster show</c>.</summary>
internal static class ClusterTables
{
    public static void WriteMembers(IAnsiConsole console, ClusterView cluster)
    {
        var table = JobTables.NewTable("id", "name", "role", "address", "status", "heartbeat", "queues", "running", "");
        foreach (var member in cluster.Members)
        {
            var marks = string.Join(" ", new[] { member.Id == cluster.Self ? "self" : null, member.Id == cluster.Leader ? "leader" : null }.OfType<string>());
            JobTables.AddRow(table, member.Id, member.Name, member.Role, member.Address ?? "", member.Status, Age(member.HeartbeatAgeMs),
                Queues(member.Queues), member.RunningJobs.ToString(CultureInfo.InvariantCulture), marks);
        }
        console.Write(table);
        var up = cluster.Members.Count(m => m.Status == "up");
        console.WriteLine($"{cluster.Members.Count} member(s), {up} up.");
    }

    public static string Age(long milliseconds) =>
        milliseconds < 1000 ? $"{milliseconds} ms" : TimeSpan.FromMilliseconds(milliseconds).TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture);

    public static string Queues(IReadOnlyDictionary<string, int> queues) =>
        string.Join(",", queues.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => $"{q.Key}={q.Value}"));
}
