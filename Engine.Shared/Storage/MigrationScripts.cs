using System.Reflection;

namespace ActorQueue.Storage;

/// <summary>
/// The versioned migration scripts a provider embeds as <c>PREFIX.V###_name.sql</c>, in version order.
/// Each provider applies them its own way (SQLite's single writer, PostgreSQL under an advisory lock).
/// </summary>
internal static class MigrationScripts
{
    public static IEnumerable<(int Version, string Name, string Sql)> Load(string resourcePrefix)
    {
        var assembly = typeof(MigrationScripts).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[resourcePrefix.Length..^".sql".Length];
                var version = int.Parse(name[1..name.IndexOf('_', StringComparison.Ordinal)]);
                return (version, name, Read(assembly, n));
            })
            .OrderBy(s => s.version);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
