using System.Globalization;
using System.Text.Json;
using ActorQueue.Cli.Client;
using ActorQueue.Protocol;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ActorQueue.Cli.Output;

/// <summary>Spectre renderings of jobs. Cells are plain <see cref="Text"/>, so ids and messages are never read as markup.</summary>
internal static class JobTables
{
    public static void WriteList(IAnsiConsole console, IReadOnlyList<JobView> jobs, string? next)
    {
        if (jobs.Count == 0)
        {
            console.WriteLine("No jobs.");
            return;
        }

        var table = NewTable("id", "kind", "queue", "state", "attempt", "enqueued", "node");
        foreach (var job in jobs)
        {
            AddRow(table, job.Id, job.Kind, job.Queue, JobStates.Name(job.State), Attempts(job), Time(job.EnqueuedAt), job.Node ?? "");
        }

        console.Write(table);
        WriteMore(console, next);
    }

    /// <summary>The dead-letter view: discarded jobs with the message of their last error.</summary>
    public static void WriteDeadLetters(IAnsiConsole console, IReadOnlyList<JobView> jobs, string? next)
    {
        if (jobs.Count == 0)
        {
            console.WriteLine("The dead-letter queue is empty.");
            return;
        }

        var table = NewTable("id", "kind", "queue", "attempt", "discarded", "last error");
        foreach (var job in jobs)
        {
            AddRow(table, job.Id, job.Kind, job.Queue, Attempts(job), Time(job.CompletedAt), LastError(job) ?? "");
        }

        console.Write(table);
        WriteMore(console, next);
    }

    public static void WriteJob(IAnsiConsole console, JobView job)
    {
        var grid = NewFields();
        void Field(string name, string? value) => AddField(grid, name, value);

        Field("id", job.Id);
        Field("kind", job.Kind);
        Field("queue", job.Queue);
        Field("state", JobStates.Name(job.State) + (job.CancelRequested && !JobStates.IsFinal(job.State) ? " (cancel requested)" : ""));
        Field("attempt", Attempts(job));
        Field("priority", job.Priority.ToString(CultureInfo.InvariantCulture));
        Field("unique key", job.UniqueKey);
        Field("enqueued", Time(job.EnqueuedAt));
        Field("scheduled", Time(job.ScheduledAt));
        Field("started", Time(job.StartedAt));
        Field("finished", Time(job.CompletedAt));
        Field("node", job.Node);
        Field("payload", Json(job.Payload));
        Field("result", Json(job.Result));
        console.Write(grid);

        if (job.Errors.Count > 0)
        {
            var errors = NewTable("attempt", "node", "at", "error");
            foreach (var error in job.Errors)
            {
                AddRow(errors, error.Attempt.ToString(CultureInfo.InvariantCulture), error.Node ?? "", Time(error.At), error.Message);
            }

            console.Write(errors);
        }
    }

    public static string? LastError(JobView job) =>
        job.Errors.Count == 0 ? null : job.Errors.MaxBy(e => (e.Attempt, e.At))?.Message;

    internal static Table NewTable(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header)));
        }

        return table;
    }

    internal static void AddRow(Table table, params string[] cells) =>
        table.AddRow(cells.Select(c => (IRenderable)new Text(c)));

    /// <summary>A two-column grid of names and values, for one item shown whole.</summary>
    internal static Grid NewFields() => new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();

    /// <summary>A row of a <see cref="NewFields"/> grid; an empty value leaves the row out.</summary>
    internal static void AddField(Grid grid, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            grid.AddRow(new Text(name), new Text(value));
        }
    }

    private static void WriteMore(IAnsiConsole console, string? next)
    {
        if (next is not null)
        {
            console.WriteLine($"More jobs: repeat with --after {next}");
        }
    }

    private static string Attempts(JobView job) =>
        string.Create(CultureInfo.InvariantCulture, $"{job.Attempt}/{job.MaxAttempts}");

    internal static string Time(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    internal static string? Json(JsonElement? element) =>
        element is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } e ? e.GetRawText() : null;
}
