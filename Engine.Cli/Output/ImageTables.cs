using System.Globalization;
using ActorQueue.Protocol;
using Spectre.Console;

namespace ActorQueue.Cli.Output;

/// <summary>The thumbnails <c>aq images thumb</c> wrote.</summary>
internal static class ImageTables
{
    public static void WriteThumbnails(IAnsiConsole console, IReadOnlyList<(ThumbnailOutputView Output, string Path)> written)
    {
        var table = JobTables.NewTable("size", "width × height", "format", "bytes", "file");
        foreach (var (output, path) in written)
        {
            JobTables.AddRow(table,
                output.Size.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{output.Width} × {output.Height}"),
                output.Format,
                output.Bytes.ToString("N0", CultureInfo.InvariantCulture),
                path);
        }
        console.Write(table);
    }
}
