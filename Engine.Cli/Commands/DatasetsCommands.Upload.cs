using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using ActorQueue.Cli.Client;
using ActorQueue.Protocol;
using Spectre.Console;

namespace ActorQueue.Cli.Commands;

internal static partial class DatasetsCommands
{
    /// <summary>What a bare <c>upload --seal --wait</c> (no number) waits for.</summary>
    public static readonly TimeSpan DefaultUploadWait = TimeSpan.FromMinutes(30);

    private static Command Upload(GlobalOptions globals, CliContext context)
    {
        var id = IdArgument();
        var file = new Argument<FileInfo>("FILE") { Description = "UTF-8 rows: CSV with a header line first, or NDJSON (one JSON object per line)" };
        file.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<FileInfo>() is { Exists: false } missing)
            {
                result.AddError(Directory.Exists(missing.FullName) ? $"{missing} is a directory, not a file." : $"The file {missing} does not exist.");
            }
        });
        var format = new Option<string?>("--format")
        {
            Description = "csv or ndjson [default: from the extension: .csv; .ndjson or .jsonl]",
            HelpName = "csv|ndjson",
        }.OneOf(RowFormat.Names);
        var firstSeq = new Option<long?>("--first-seq")
        {
            Description = "The sequence number of the file's first row, to resend a file (or the rest of one) without storing any row twice",
            HelpName = "N",
        }.AtLeast(1L);
        var seal = new Option<bool>("--seal") { Description = "Seal the dataset after a successful upload: no more rows will come" };
        var wait = new Option<double?>("--wait")
        {
            Description = $"With --seal: wait until the dataset is completed or failed, up to SECONDS (default {DefaultUploadWait.TotalMinutes:0} min); "
                + "exit 1 unless it completed. Put it last or give SECONDS.",
            HelpName = "SECONDS",
            Arity = ArgumentArity.ZeroOrOne,
        }.Positive();
        var command = new Command("upload", "Stream a CSV or NDJSON file into a dataset, showing the bytes sent") { id, file, format, firstSeq, seal, wait };
        command.Validators.Add(result =>
        {
            // The file's token, not its value: converting it here would skip the argument's own validator,
            // which reports a missing file (a more useful sentence than its unknown format).
            if (result.GetValue(format) is null && result.GetResult(file) is { Tokens: [var path, ..] }
                && File.Exists(path.Value) && RowFormat.FromPath(path.Value) is null)
            {
                result.AddError($"Cannot tell the format of {path.Value} from its extension; give --format csv or --format ndjson.");
            }
            if (result.GetResult(wait) is not null && !result.GetValue(seal))
            {
                result.AddError("--wait needs --seal: a dataset completes only once sealed (to wait for one sealed later: aq datasets show ID --wait).");
            }
        });
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var datasetId = parseResult.GetRequiredValue(id);
            var path = parseResult.GetRequiredValue(file);
            var upload = new RowUpload(
                datasetId,
                path,
                RowFormat.FromName(parseResult.GetValue(format)) ?? RowFormat.FromPath(path.Name)!,
                parseResult.GetValue(firstSeq));
            var json = globals.WantsJson(parseResult);
            SeedAnswer<AppendRowsResponse> answer;
            try
            {
                answer = await SendRowsAsync(context, client, upload, json, ct);
            }
            catch (SeedRequestException ex) when (ResumeFirstSeq(ex) is { } resumeAt)
            {
                context.Error.WriteLine($"aq: {ex.Message}");
                context.Error.WriteLine($"aq: once the file is fixed, resume with: aq datasets upload {datasetId} {path} --first-seq {resumeAt}");
                return CliApp.Failed;
            }

            context.Output.WriteLine(json ? answer.Json : $"Accepted {answer.Value.Accepted} row(s); lastSeq {answer.Value.LastSeq}.");
            if (!parseResult.GetValue(seal))
            {
                return CliApp.Ok;
            }

            var sealedAnswer = await client.SealDatasetAsync(datasetId, ct);
            if (!json)
            {
                WriteDatasetLine(context, sealedAnswer, json: false, "sealed");
            }

            // --wait given with or without SECONDS: the option's result exists; its value is null when bare.
            if (parseResult.GetResult(wait) is null)
            {
                return CliApp.Ok;
            }

            var budget = parseResult.GetValue(wait) is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultUploadWait;
            var final = IsFinal(sealedAnswer.Value)
                ? sealedAnswer
                : await LongPoll.UntilFinalAsync((w, c) => client.GetDatasetAsync(datasetId, w, c), IsFinal, budget, context.Time, ct);
            context.Output.WriteLine(json
                ? final.Json
                : $"{datasetId} {final.Value.Status}: {final.Value.RowsProcessed} of {final.Value.RowsReceived} row(s) processed.");
            return Outcome(context, final.Value, budget);
        });
        return command;
    }

    private sealed record RowUpload(string DatasetId, FileInfo File, RowFormat Format, long? FirstSeq);

    /// <summary>Streams the file from disk: a progress bar on a terminal, one line with the bytes sent otherwise.</summary>
    private static async Task<SeedAnswer<AppendRowsResponse>> SendRowsAsync(
        CliContext context, SeedClient client, RowUpload upload, bool json, CancellationToken ct)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(upload.File.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"Cannot read {upload.File}: {ex.Message}");
        }

        await using (stream)
        {
            var length = stream.Length;
            if (context.Live is { } live)
            {
                // Cleared afterwards with --json, so that only the answer stays on the screen.
                return await live.Progress().AutoClear(json)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                        new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                    .StartAsync(async progress =>
                    {
                        var bar = progress.AddTask(Markup.Escape(upload.File.Name), maxValue: Math.Max(length, 1));
                        var answer = await client.UploadRowsAsync(upload.DatasetId, stream, length, upload.Format, upload.FirstSeq, sent => bar.Value = sent, ct);
                        bar.Value = bar.MaxValue;
                        return answer;
                    });
            }

            var started = context.Time.GetTimestamp();
            var sent = await client.UploadRowsAsync(upload.DatasetId, stream, length, upload.Format, upload.FirstSeq, _ => { }, ct);
            if (!json)
            {
                var seconds = context.Time.GetElapsedTime(started).TotalSeconds;
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Sent {upload.File.Name} ({length} bytes, {upload.Format.Name}) in {seconds:0.0} s."));
            }

            return sent;
        }
    }

    /// <summary>The <c>firstSeq</c> a malformed-row answer tells the client to resume with, if it is one.</summary>
    private static long? ResumeFirstSeq(SeedRequestException ex) =>
        ex.Status == 400 && ex.Detail is { } detail && FirstSeqInDetail().Match(detail) is { Success: true } match
            && long.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    [GeneratedRegex(@"firstSeq=(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex FirstSeqInDetail();
}
