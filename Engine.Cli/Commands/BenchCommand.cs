using System.CommandLine;
using System.Text.Json;
using ActorQueue.Cli.Bench;
using ActorQueue.Cli.Output;

namespace ActorQueue.Cli.Commands;

/// <summary>
/// <c>aq bench</c>: a load generator bounded in job count and time. JSON jobs by default (batched throughput,
/// then sequential round trips); with <c>--file PHOTO --kind image|classify</c>, the file uploaded as image or
/// classify jobs by concurrent clients that each wait for their result (the seed documents' stress test).
/// </summary>
internal static class BenchCommand
{
    public const int MaxJobs = 10_000_000;
    public const int MaxBatch = 10_000;
    public const int MaxConcurrency = 1_024;

    public static Command Create(GlobalOptions globals, CliContext context)
    {
        var jobs = new Option<int>("--jobs") { Description = "Jobs in the throughput run", HelpName = "N", DefaultValueFactory = _ => 10_000 }
            .InRange(1, MaxJobs);
        var batch = new Option<int>("--batch")
        {
            Description = "Jobs per POST /api/jobs/batch request; 1 sends one POST /api/jobs per job",
            HelpName = "N",
            DefaultValueFactory = _ => 100,
        }.InRange(1, MaxBatch);
        var concurrency = new Option<int>("--concurrency") { Description = "Parallel submitters", HelpName = "N", DefaultValueFactory = _ => 4 }
            .InRange(1, MaxConcurrency);
        var kind = new Option<string>("--kind")
        {
            Description = "Job kind; with --file: image (POST /api/images) or classify (POST /api/classify)",
            HelpName = "KIND",
            DefaultValueFactory = _ => "echo",
        };
        var file = new Option<FileInfo?>("--file")
        {
            Description = "Send this JPEG, PNG or WebP file as the body of every job (with --kind image or classify); "
                + "every job's upload-to-result time is measured",
            HelpName = "PATH",
        };
        file.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<FileInfo?>() is { Exists: false } missing)
            {
                result.AddError(Directory.Exists(missing.FullName) ? $"{missing} is a directory, not a file." : $"The file {missing} does not exist.");
            }
        });
        var sizes = new Option<int[]?>("--sizes")
        {
            Description = "With --kind image: output widths [default: 128]",
            HelpName = "128,512",
            CustomParser = ImagesCommands.ParseSizes,
        };
        var format = new Option<string?>("--format") { Description = "With --kind image: output format [default: the input's]", HelpName = "jpeg|png|webp" }
            .AcceptOnlyFromAmong("jpeg", "png", "webp");
        var model = new Option<string?>("--model")
        {
            Description = "With --kind classify: the model (may be left out while the cluster serves exactly one)",
            HelpName = "NAME",
        };
        var payload = OptionRules.JsonPayload("Payload of every job, as JSON");
        var durationLimit = new Option<double?>("--duration-limit")
        {
            Description = "Hard stop for the whole bench, in seconds [default: 300]",
            HelpName = "SECONDS",
        }.Positive();
        var latency = new Option<int>("--latency")
        {
            Description = "Sequential submit-to-result round trips measured after the throughput run",
            HelpName = "N",
            DefaultValueFactory = _ => 200,
        }.InRange(0, 1_000_000);

        var warmup = new Option<int>("--warmup")
        {
            Description = "Jobs sent first with the same settings and not measured, so that JIT warm-up is not timed",
            HelpName = "N",
            DefaultValueFactory = _ => 0,
        }.InRange(0, MaxJobs);

        var command = new Command("bench", "Load-test the seed: throughput end to end, then round-trip latency; or images and classification with --file")
        {
            jobs, batch, concurrency, kind, payload, durationLimit, latency, warmup, file, sizes, format, model,
        };
        command.Validators.Add(result =>
        {
            Option[] jsonOnly = [batch, payload, latency];
            if (result.GetValue(file) is null)
            {
                foreach (var option in new Option[] { sizes, format, model }.Where(o => result.GetResult(o) is not null))
                {
                    result.AddError($"{option.Name} goes with --file (an image or classify bench).");
                }
                return;
            }
            // --kind must be given: its default (echo) is a JSON job.
            var uploadKind = result.GetResult(kind) is { Implicit: false } ? UploadTarget.ParseKind(result.GetValue(kind)) : null;
            if (uploadKind is null)
            {
                result.AddError("--file needs --kind image (thumbnails, POST /api/images) or --kind classify (POST /api/classify).");
            }
            foreach (var option in jsonOnly.Where(o => result.GetResult(o) is { Implicit: false }))
            {
                result.AddError($"{option.Name} does not apply with --file: every job is one upload, and every job's latency is measured.");
            }
            var wrong = uploadKind == UploadKind.Image ? new Option[] { model } : uploadKind == UploadKind.Classify ? [sizes, format] : [];
            foreach (var option in wrong.Where(o => result.GetResult(o) is not null))
            {
                result.AddError($"{option.Name} does not apply to --kind {result.GetValue(kind)}.");
            }
        });
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var settings = new BenchSettings(
                parseResult.GetValue(jobs),
                parseResult.GetValue(batch),
                parseResult.GetValue(concurrency),
                parseResult.GetValue(kind) ?? "echo",
                OptionRules.ParsePayload(parseResult.GetValue(payload)),
                TimeSpan.FromSeconds(parseResult.GetValue(durationLimit) ?? 300),
                parseResult.GetValue(latency),
                parseResult.GetValue(warmup));
            var report = parseResult.GetValue(file) is { } upload
                ? await new UploadBench(client, settings, await TargetAsync(parseResult, upload, kind, sizes, format, model, ct), context.Time, context.Error).RunAsync(ct)
                : await new LoadGenerator(client, settings, context.Time, context.Error).RunAsync(ct);
            if (globals.WantsJson(parseResult))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.BenchReport));
            }
            else
            {
                BenchReportView.Write(context.Console, report);
            }

            var ok = report.Complete && report.Failures == 0 && report.Latency.Failures == 0;
            return ok ? CliApp.Ok : CliApp.Failed;
        },
        connections: parseResult => parseResult.GetValue(concurrency) + 1);
        return command;
    }

    private static async Task<UploadTarget> TargetAsync(ParseResult parseResult, FileInfo file, Option<string> kind, Option<int[]?> sizes,
        Option<string?> format, Option<string?> model, CancellationToken ct)
    {
        var bytes = await ImageFiles.ReadAsync(file, ct);
        var uploadKind = UploadTarget.ParseKind(parseResult.GetValue(kind)) ?? throw new CliUsageException("--file needs --kind image or --kind classify.");
        string query;
        if (uploadKind == UploadKind.Image)
        {
            query = ImagesCommands.Query(parseResult.GetValue(sizes) is { Length: > 0 } widths ? widths : [128], parseResult.GetValue(format), crop: null, quality: null);
        }
        else
        {
            query = parseResult.GetValue(model) is { Length: > 0 } name ? "model=" + Uri.EscapeDataString(name) : "";
        }
        return new UploadTarget(uploadKind, file.Name, bytes, ImageFiles.ContentType(file.Name), query);
    }
}
