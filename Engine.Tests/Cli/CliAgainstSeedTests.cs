using System.Text.Json;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Cli;

/// <summary>The built <c>aq</c> executable against a real seed.</summary>
[Trait("Category", "Integration")]
public sealed class CliAgainstSeedTests : IAsyncLifetime
{
    private SeedServer _seed = null!;

    public async Task InitializeAsync() => _seed = await SeedServer.StartAsync([.. SeedServer.FastRetries, "--api-token", "t0ken"]);

    public async Task DisposeAsync() => await _seed.DisposeAsync();

    private Task<ExecutableProcess.Result> Aq(params string[] args) =>
        AqProcess.RunAsync([.. args, "--seed", _seed.BaseAddress.ToString().TrimEnd('/'), "--token", "t0ken"]);

    [Fact]
    public async Task Submit_and_wait_prints_the_completed_job_and_exits_0()
    {
        var result = await Aq("jobs", "submit", "echo", "--payload", "{\"x\":42}", "--wait", "--json");

        Assert.Equal(0, result.ExitCode);
        var job = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("completed", job.GetProperty("state").GetString());
        Assert.Equal(42, job.GetProperty("result").GetProperty("x").GetInt32());
    }

    [Fact]
    public async Task A_job_that_ends_in_the_dead_letter_queue_exits_1_and_can_be_re_driven()
    {
        var failed = await Aq("jobs", "submit", "fail", "--payload", "{\"message\":\"nope\"}", "--max-attempts", "2", "--wait");
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("nope", failed.Stdout + failed.Stderr, StringComparison.Ordinal);

        var dlq = await Aq("dlq", "list");
        Assert.Equal(0, dlq.ExitCode);
        Assert.Contains("nope", dlq.Stdout, StringComparison.Ordinal);

        var retry = await Aq("dlq", "retry", "--all", "--json");
        Assert.Equal(0, retry.ExitCode);
        Assert.Equal(1, JsonDocument.Parse(retry.Stdout).RootElement.GetProperty("retried").GetInt32());
    }

    [Fact]
    public async Task List_shows_jobs_in_a_table()
    {
        var submitted = await Aq("jobs", "submit", "echo", "--wait");
        Assert.Equal(0, submitted.ExitCode);

        var list = await Aq("jobs", "list", "--state", "completed");

        Assert.Equal(0, list.ExitCode);
        Assert.Contains("echo", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("completed", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_exits_1_with_the_seeds_explanation()
    {
        var result = await AqProcess.RunAsync("jobs", "list", "--seed", _seed.BaseAddress.ToString(), "--token", "wrong");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Wrong token", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_flag_exits_2_with_a_clear_message()
    {
        var result = await Aq("jobs", "list", "--colour", "red");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--colour", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_show_lists_the_seed_as_an_up_member_in_a_table_and_as_json()
    {
        var table = await Aq("cluster", "show");
        var json = await Aq("cluster", "show", "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("seed", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 member(s), 1 up.", table.Stdout, StringComparison.Ordinal);
        var members = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("members");
        Assert.Equal("up", members[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cluster_tail_prints_the_members_then_stops_at_its_duration()
    {
        var result = await Aq("cluster", "tail", "--duration", "0.5", "--json");

        Assert.Equal(0, result.ExitCode);
        var first = JsonDocument.Parse(result.Stdout.Split('\n')[0]).RootElement;
        Assert.Equal("member", first.GetProperty("event").GetString());
        Assert.Equal("up", first.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cluster_commands_report_an_unknown_member_and_bad_flags()
    {
        var down = await Aq("cluster", "down", "nobody");
        var tail = await Aq("cluster", "tail", "--interval", "0");

        Assert.Equal(1, down.ExitCode);
        Assert.Contains("No cluster member has the id 'nobody'", down.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, tail.ExitCode);
        Assert.Contains("--interval must be between 0.1 and 3600 seconds", tail.Stderr, StringComparison.Ordinal);
    }
}
