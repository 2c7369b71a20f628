namespace ActorQueue.Cli.Commands;

/// <summary>An image file the user names on the command line, read whole for an upload.</summary>
internal static class ImageFiles
{
    /// <summary>The file's bytes; a file that cannot be read is bad usage (exit 2), with the reason.</summary>
    public static async Task<byte[]> ReadAsync(FileInfo input, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllBytesAsync(input.FullName, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"Cannot read {input}: {ex.Message}");
        }
    }

    /// <summary>The media type by extension; the seed tells the format from the bytes anyway.</summary>
    public static string ContentType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".webp" => "image/webp",
        _ => "application/octet-stream",
    };
}
