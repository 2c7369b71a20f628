using System.Globalization;
using ActorQueue.Cli.Bench;
using Spectre.Console;

namespace ActorQueue.Cli.Output;

/// <summary>The bench report as a two-column table.</summary>
internal static class BenchReportView
{
    public static void Write(IAnsiConsole console, BenchReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => table.AddRow(new Text(name), new Text(value));

        Row("jobs", $"{report.Submitted:N0} of {report.Jobs:N0} accepted");
        Row("seconds", report.Seconds.ToString("0.000", CultureInfo.InvariantCulture));
        Row("jobs/s", report.JobsPerSecond.ToString("N1", CultureInfo.InvariantCulture));
        Row("failures", report.FailedJobs is null
            ? $"{report.SubmitFailures:N0} submit (job outcomes not counted)"
            : $"{report.Failures:N0} ({report.SubmitFailures:N0} submit, {report.FailedJobs:N0} discarded/cancelled)");
        Row("submit seconds", report.SubmitSeconds.ToString("0.000", CultureInfo.InvariantCulture));
        Row("all final", report.Complete ? "yes" : report.StoppedByLimit ? "no (duration limit)" : "no");
        Row("batch × concurrency", $"{report.Batch} × {report.Concurrency}");

        var latency = report.Latency;
        Row("latency round trips", $"{latency.Samples:N0} of {latency.RoundTrips:N0} ({latency.Failures:N0} failed)");
        Row("latency p50 ms", Ms(latency.P50Ms));
        Row("latency p90 ms", Ms(latency.P90Ms));
        Row("latency p99 ms", Ms(latency.P99Ms));
        Row("latency max ms", Ms(latency.MaxMs));
        console.Write(table);
    }

    private static string Ms(double? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-";
}
