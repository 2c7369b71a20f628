using System.Globalization;
using ActorQueue.Cli.Bench;
using Spectre.Console;

namespace ActorQueue.Cli.Output;

/// <summary>The bench report as a two-column table, then the latency histogram as bars.</summary>
internal static class BenchReportView
{
    public static void Write(IAnsiConsole console, BenchReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => table.AddRow(new Text(name), new Text(value));

        if (report.File is { } file)
        {
            Row("file", $"{file} as {report.Kind}");
        }
        Row("jobs", $"{report.Submitted:N0} of {report.Jobs:N0} accepted");
        Row("seconds", report.Seconds.ToString("0.000", CultureInfo.InvariantCulture));
        Row("jobs/s", report.JobsPerSecond.ToString("N1", CultureInfo.InvariantCulture));
        Row("failures", report.FailedJobs is null
            ? $"{report.SubmitFailures:N0} submit (job outcomes not counted)"
            : $"{report.Failures:N0} ({report.SubmitFailures:N0} submit, {report.FailedJobs:N0} discarded/cancelled)");
        if (report.File is null)
        {
            Row("submit seconds", report.SubmitSeconds.ToString("0.000", CultureInfo.InvariantCulture));
        }
        Row("all final", report.Complete ? "yes" : report.StoppedByLimit ? "no (duration limit)" : "no");
        Row(report.File is null ? "batch × concurrency" : "concurrent clients", report.File is null ? $"{report.Batch} × {report.Concurrency}" : $"{report.Concurrency}");

        var latency = report.Latency;
        Row("latency round trips", $"{latency.Samples:N0} of {latency.RoundTrips:N0} ({latency.Failures:N0} failed)");
        Row("latency p50 ms", Ms(latency.P50Ms));
        Row("latency p90 ms", Ms(latency.P90Ms));
        Row("latency p99 ms", Ms(latency.P99Ms));
        Row("latency max ms", Ms(latency.MaxMs));
        console.Write(table);
        WriteHistogram(console, latency);
    }

    private const int BarWidth = 40;

    /// <summary>One line per bucket: its upper bound, a bar scaled to the fullest bucket, the count and its share.</summary>
    private static void WriteHistogram(IAnsiConsole console, LatencyReport latency)
    {
        if (latency.Histogram.Count == 0)
        {
            return;
        }
        var fullest = latency.Histogram.Max(b => b.Count);
        var total = latency.Histogram.Sum(b => b.Count);
        var chart = new Table().Border(TableBorder.None).Title("latency histogram")
            .AddColumn(new TableColumn("ms").RightAligned()).AddColumn("").AddColumn(new TableColumn("count").RightAligned()).AddColumn(new TableColumn("share").RightAligned());
        foreach (var bucket in latency.Histogram)
        {
            var bound = bucket.UpToMs is { } upTo ? "≤ " + upTo.ToString("N0", CultureInfo.InvariantCulture) : "> " + LatencyHistogram.Bounds[^1].ToString("N0", CultureInfo.InvariantCulture);
            var bar = new string('█', (int)Math.Round((double)bucket.Count / fullest * BarWidth));
            chart.AddRow(new Text(bound), new Text(bar), new Text(bucket.Count.ToString("N0", CultureInfo.InvariantCulture)),
                new Text((100.0 * bucket.Count / total).ToString("0.0", CultureInfo.InvariantCulture) + "%"));
        }
        console.Write(chart);
    }

    private static string Ms(double? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-";
}
