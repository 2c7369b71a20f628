namespace ActorQueue.Cli.Client;

/// <summary>The two ways rows are uploaded: the <c>--format</c> word, the file extensions that imply it, the media type sent.</summary>
internal sealed record RowFormat(string Name, string MediaType, string[] Extensions)
{
    public static readonly RowFormat Csv = new("csv", "text/csv", [".csv"]);

    public static readonly RowFormat Ndjson = new("ndjson", "application/x-ndjson", [".ndjson", ".jsonl"]);

    public static IReadOnlyList<RowFormat> All { get; } = [Csv, Ndjson];

    public static string[] Names { get; } = All.Select(f => f.Name).ToArray();

    public static RowFormat? FromName(string? name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The format a file's extension names (any case), or null when it names none.</summary>
    public static RowFormat? FromPath(string path)
    {
        var extension = Path.GetExtension(path);
        return All.FirstOrDefault(f => f.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase));
    }
}
