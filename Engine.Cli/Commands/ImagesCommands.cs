using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using ActorQueue.Cli.Client;
using ActorQueue.Cli.Output;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Commands;

/// <summary><c>aq images thumb FILE --sizes 128,512 [--out DIR]</c>: thumbnails through the seed, written as files.</summary>
internal static class ImagesCommands
{
    public static Command Create(GlobalOptions globals, CliContext context) =>
        new("images", "Image jobs: thumbnails, crops and format conversion")
        {
            Thumb(globals, context),
        };

    private static Command Thumb(GlobalOptions globals, CliContext context)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A JPEG, PNG or WebP image" };
        var sizes = new Option<int[]>("--sizes")
        {
            Description = "Output widths in pixels, comma-separated (square sides with --crop)",
            HelpName = "128,512",
            Required = true,
            CustomParser = ParseSizes,
        };
        var format = new Option<string?>("--format") { Description = "Output format (default: the input's)", HelpName = "jpeg|png|webp" }
            .AcceptOnlyFromAmong("jpeg", "png", "webp");
        var crop = new Option<string?>("--crop") { Description = "none keeps the aspect ratio; centre and attention cut a square", HelpName = "none|centre|attention" }
            .AcceptOnlyFromAmong("none", "centre", "center", "attention");
        var quality = new Option<int?>("--quality") { Description = "JPEG/WebP quality, 1–100 (default: the seed's)", HelpName = "Q" }.AtLeast(1);
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Directory for the thumbnails, named FILE-SIZE.EXT (created if missing)",
            HelpName = "DIR",
            DefaultValueFactory = _ => new DirectoryInfo("."),
        };
        var wait = new Option<double?>("--wait")
        {
            Description = $"Wait up to this many seconds for the job (default {JobsCommands.DefaultSubmitWait.TotalSeconds:0})",
            HelpName = "SECONDS",
        }.Positive();

        var command = new Command("thumb", "Make thumbnails of an image and save them") { file, sizes, format, crop, quality, output, wait };
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var input = parseResult.GetRequiredValue(file);
            var image = await ImageFiles.ReadAsync(input, ct);
            var query = Query(parseResult.GetRequiredValue(sizes), parseResult.GetValue(format), parseResult.GetValue(crop), parseResult.GetValue(quality));
            var submitted = await client.SubmitImageAsync(image, ImageFiles.ContentType(input.Name), query, ct);
            var budget = parseResult.GetValue(wait) is { } seconds ? TimeSpan.FromSeconds(seconds) : JobsCommands.DefaultSubmitWait;
            var final = await JobWaiter.WaitForFinalAsync(client, submitted.Value.Id, budget, context.Time, ct);
            if (final.Value.State != JobStateName.Completed || final.Value.Result is not { } result)
            {
                return JobOutcome.Report(context, final, globals.WantsJson(parseResult), budget);
            }
            var written = await SaveAsync(client, result, input, parseResult.GetRequiredValue(output), ct);
            if (globals.WantsJson(parseResult))
            {
                context.Output.WriteLine(final.Json);
            }
            else
            {
                ImageTables.WriteThumbnails(context.Console, written);
            }
            return CliApp.Ok;
        });
        return command;
    }

    private static async Task<List<(ThumbnailOutputView Output, string Path)>> SaveAsync(
        SeedClient client, JsonElement result, FileInfo input, DirectoryInfo directory, CancellationToken ct)
    {
        var thumbnails = result.Deserialize(WireJsonContext.Default.ThumbnailJobResult)
            ?? throw new SeedClientException("The finished job has no thumbnail result.");
        try
        {
            directory.Create();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"Cannot create the output directory {directory}: {ex.Message}");
        }
        var stem = Path.GetFileNameWithoutExtension(input.Name);
        var written = new List<(ThumbnailOutputView, string)>();
        foreach (var output in thumbnails.Outputs)
        {
            var extension = output.Format == "jpeg" ? "jpg" : output.Format;
            var path = Path.Combine(directory.FullName, string.Create(CultureInfo.InvariantCulture, $"{stem}-{output.Size}.{extension}"));
            await File.WriteAllBytesAsync(path, await client.DownloadAsync(output.Url, ct), ct);
            written.Add((output, Path.GetRelativePath(Environment.CurrentDirectory, path)));
        }
        return written;
    }

    internal static string Query(int[] sizes, string? format, string? crop, int? quality)
    {
        var parts = new List<string> { "sizes=" + string.Join(',', sizes.Select(s => s.ToString(CultureInfo.InvariantCulture))) };
        if (format is not null)
        {
            parts.Add("format=" + format);
        }
        if (crop is not null)
        {
            parts.Add("crop=" + crop);
        }
        if (quality is { } q)
        {
            parts.Add("quality=" + q.ToString(CultureInfo.InvariantCulture));
        }
        return string.Join('&', parts);
    }

    internal static int[] ParseSizes(ArgumentResult result)
    {
        var text = string.Join(',', result.Tokens.Select(t => t.Value));
        var sizes = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 1)
            {
                result.AddError($"--sizes expects widths in pixels separated by commas, such as 128,512; '{part}' is not one.");
                return [];
            }
            sizes.Add(size);
        }
        if (sizes.Count == 0)
        {
            result.AddError("--sizes needs at least one width, such as 128,512.");
        }
        return [.. sizes];
    }
}
