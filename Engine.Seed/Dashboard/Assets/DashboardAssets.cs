using System.Security.Cryptography;

namespace ActorQueue.Seed.Dashboard.Assets;

/// <summary>
/// The dashboard's files (<c>Dashboard/wwwroot</c>), embedded in the seed's assembly so that the seed is one
/// self-contained program: read once, served with an ETag so that a browser revalidates instead of re-downloading.
/// </summary>
internal sealed class DashboardAssets
{
    private const string Prefix = "dashboard/";

    private readonly Dictionary<string, Asset> _assets = new(StringComparer.Ordinal);

    public DashboardAssets()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"";
            _assets[name[Prefix.Length..]] = new Asset(bytes, ContentType(name), etag);
        }
    }

    /// <summary>The file at <paramref name="path"/> (relative to <c>wwwroot</c>, e.g. <c>pages/jobs.js</c>), or null.</summary>
    public Asset? Find(string path) => _assets.GetValueOrDefault(path);

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };

    internal sealed record Asset(byte[] Bytes, string ContentType, string ETag);
}
