namespace ActorQueue.Tests.Cli;

/// <summary>Bad usage is caught by the parser: exit code 2, a message on stderr, nothing sent anywhere.</summary>
[Trait("Category", "Unit")]
public sealed class CliUsageTests
{
    [Theory]
    [InlineData(new[] { "frobnicate" }, "Unrecognized command or argument 'frobnicate'")]
    [InlineData(new[] { "jobs", "list", "--colour", "red" }, "Unrecognized command or argument '--colour'")]
    [InlineData(new[] { "jobs", "submit" }, "Required argument missing for command: 'submit'")]
    [InlineData(new[] { "jobs", "submit", "echo", "--payload", "{not json" }, "--payload is not valid JSON")]
    [InlineData(new[] { "jobs", "list", "--state", "bogus" }, "'bogus' is not a job state; use one of: available, scheduled, running, retryable, completed, discarded, cancelled")]
    [InlineData(new[] { "bench", "--batch", "0" }, "--batch must be between 1 and 10,000, not 0")]
    [InlineData(new[] { "bench", "--jobs", "-5" }, "--jobs must be between 1 and 10,000,000, not -5")]
    [InlineData(new[] { "bench", "--jobs", "many" }, "--jobs expects a whole number, not 'many'")]
    [InlineData(new[] { "jobs", "get", "01J", "--wait", "0" }, "--wait must be a positive number of seconds")]
    [InlineData(new[] { "jobs", "submit", "echo", "--run-at", "tomorrow" }, "--run-at must be an ISO-8601 time")]
    [InlineData(new[] { "dlq", "retry" }, "Give either a job ID or --all")]
    [InlineData(new[] { "--seed", "ftp://example", "jobs", "list" }, "--seed must be an absolute http:// or https:// URL")]
    [InlineData(new[] { "datasets", "create", "games" }, "Option '--processor' is required")]
    [InlineData(new[] { "datasets", "create", "games", "--processor", "delta", "--options", "{keyColumn: 1}" }, "--options is not valid JSON")]
    [InlineData(new[] { "datasets", "create", "games", "--processor", "delta", "--options", "[1]" }, "--options must be a JSON object {…}, not '[1]'")]
    [InlineData(new[] { "datasets", "create", "games", "--processor", "delta", "--on-error", "ignore" }, "--on-error must be fail or skip, not 'ignore'")]
    [InlineData(new[] { "datasets", "upload", "d1", "/nonexistent/games.csv" }, "The file /nonexistent/games.csv does not exist.")]
    [InlineData(new[] { "datasets", "upload", "d1", "/" }, "/ is a directory, not a file.")]
    [InlineData(new[] { "datasets", "upload", "d1", "games.csv", "--format", "xlsx" }, "--format must be csv or ndjson, not 'xlsx'")]
    [InlineData(new[] { "datasets", "upload", "d1", "games.csv", "--first-seq", "0" }, "--first-seq must be at least 1, not 0")]
    [InlineData(new[] { "datasets", "resume", "d1", "--on-error", "retry" }, "--on-error must be fail or skip, not 'retry'")]
    [InlineData(new[] { "datasets", "show", "d1", "--wait", "-1" }, "--wait must be a positive number of seconds")]
    [InlineData(new[] { "datasets", "results", "d1", "--after-seq", "-1" }, "--after-seq must be at least 0, not -1")]
    [InlineData(new[] { "datasets", "results", "d1", "--limit", "lots" }, "--limit expects a whole number, not 'lots'")]
    [InlineData(new string[0], "Required command was not provided")]
    public async Task BadUsage_ExitsTwo_WithMessageOnStderr(string[] args, string expected)
    {
        var run = await CliHarness.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_DoesNotAlsoComplainAboutAMissingCommand()
    {
        var run = await CliHarness.RunAsync("frobnicate");

        Assert.DoesNotContain("Required command was not provided", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_PrintsUsageToStdout_AndExitsZero()
    {
        var run = await CliHarness.RunAsync("jobs", "submit", "--help");

        Assert.Equal(0, run.ExitCode);
        // The root is named after the executable (aq, or the test host here).
        Assert.Contains("jobs submit <KIND> [options]", run.Out, StringComparison.Ordinal);
        Assert.Contains("--payload <JSON>", run.Out, StringComparison.Ordinal);
    }
}
