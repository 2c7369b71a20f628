using System.CommandLine;
using System.Text.Json;
using ActorQueue.Cli.Bench;
using ActorQueue.Cli.Output;

namespace ActorQueue.Cli.Commands;

/// <summary><c>aq bench</c>: a load generator bounded in job count and time.</summary>
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
        var kind = new Option<string>("--kind") { Description = "Job kind", HelpName = "KIND", DefaultValueFactory = _ => "echo" };
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

        var command = new Command("bench", "Load-test the seed: throughput end to end, then round-trip latency")
        {
            jobs, batch, concurrency, kind, payload, durationLimit, latency, warmup,
        };
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
            var report = await new LoadGenerator(client, settings, context.Time, context.Error).RunAsync(ct);
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
}
