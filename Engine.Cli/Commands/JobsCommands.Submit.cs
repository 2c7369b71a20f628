using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ActorQueue.Cli.Client;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Commands;

internal static partial class JobsCommands
{
    /// <summary>What a bare <c>--wait</c> (no number) waits for.</summary>
    public static readonly TimeSpan DefaultSubmitWait = TimeSpan.FromMinutes(5);

    private static Command Submit(GlobalOptions globals, CliContext context)
    {
        var kind = new Argument<string>("KIND") { Description = "The job kind, e.g. echo, sleep, fail" };
        var payload = OptionRules.JsonPayload("The job's payload, as JSON");
        var queue = new Option<string?>("--queue") { Description = "Queue name (the seed's default when left out)", HelpName = "QUEUE" };
        var priority = new Option<int?>("--priority") { Description = "Priority (higher runs first)", HelpName = "N", CustomParser = OptionRules.ParseNullableInt };
        var maxAttempts = new Option<int?>("--max-attempts") { Description = "Attempts before the job is discarded", HelpName = "N" }.AtLeast(1);
        var uniqueKey = new Option<string?>("--unique-key") { Description = "Return the existing job if one with this key exists", HelpName = "KEY" };
        var runAt = new Option<DateTimeOffset?>("--run-at")
        {
            Description = "Do not run before this ISO-8601 time (UTC unless an offset is given)",
            HelpName = "ISO",
            CustomParser = ParseRunAt,
        };
        var timeout = new Option<int?>("--timeout") { Description = "Seconds an attempt may run", HelpName = "SECONDS" }.AtLeast(1);
        var wait = new Option<double?>("--wait")
        {
            Description = $"Wait for a final state, up to SECONDS (default {DefaultSubmitWait.TotalSeconds:0}); exit 1 unless the job completed. Put it last or give SECONDS.",
            HelpName = "SECONDS",
            Arity = ArgumentArity.ZeroOrOne,
        }.Positive();

        var command = new Command("submit", "Submit a job and print its id")
        {
            kind, payload, queue, priority, maxAttempts, uniqueKey, runAt, timeout, wait,
        };
        command.SetSeedAction(globals, context, parseResult => async (client, ct) =>
        {
            var request = new SubmitJobRequest
            {
                Kind = parseResult.GetRequiredValue(kind),
                Payload = OptionRules.ParsePayload(parseResult.GetValue(payload)),
                Queue = parseResult.GetValue(queue),
                Priority = parseResult.GetValue(priority),
                MaxAttempts = parseResult.GetValue(maxAttempts),
                UniqueKey = parseResult.GetValue(uniqueKey),
                RunAt = parseResult.GetValue(runAt),
                TimeoutSeconds = parseResult.GetValue(timeout),
            };
            var json = globals.WantsJson(parseResult);
            var submitted = await client.SubmitAsync(request, ct);

            // --wait given with or without SECONDS: the option's result exists; its value is null when bare.
            if (parseResult.GetResult(wait) is null)
            {
                context.Output.WriteLine(json ? submitted.Json : submitted.Value.Id);
                return CliApp.Ok;
            }

            var budget = parseResult.GetValue(wait) is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultSubmitWait;
            var final = await JobWaiter.WaitForFinalAsync(client, submitted.Value.Id, budget, context.Time, ct);
            return JobOutcome.Report(context, final, json, budget);
        });
        return command;
    }

    private static DateTimeOffset? ParseRunAt(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        result.AddError($"--run-at must be an ISO-8601 time such as 2030-01-31T12:00:00Z, not '{text}'.");
        return null;
    }
}
