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
    public async Task Cluster_show_prints_pbms_member_lines_and_count_and_the_seeds_json()
    {
        var lines = await Aq("cluster", "show");
        var json = await Aq("cluster", "show", "--json");

        Assert.Equal(0, lines.ExitCode);
        var output = lines.Stdout.TrimEnd('\n').Split('\n');
        Assert.Matches(@"^akka\.tcp://actorqueue@127\.0\.0\.1:\d+ \| \[seed, worker\] \| up \| reachable \| \d+\.\d+\.\d+", output[0]);
        Assert.Equal("Count: 1 nodes", output[^1]);
        var members = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("members");
        Assert.Equal("up", members[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cluster_status_and_leader_name_the_seed()
    {
        var status = await Aq("cluster", "status");
        var leader = await Aq("cluster", "leader");

        Assert.Equal((0, 0), (status.ExitCode, leader.ExitCode));
        Assert.StartsWith("akka.tcp://actorqueue@127.0.0.1:", leader.Stdout, StringComparison.Ordinal);
        Assert.Contains($"Leader: {leader.Stdout.Trim()}", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("Members: 1 up", status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_tail_prints_the_current_members_pushed_by_the_seed_then_stops_at_its_duration()
    {
        var result = await Aq("cluster", "tail", "--duration", "1", "--json");

        Assert.Equal(0, result.ExitCode);
        var first = JsonDocument.Parse(result.Stdout.Split('\n')[0]).RootElement;
        Assert.Equal("current", first.GetProperty("kind").GetString());
        Assert.Equal("up", first.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cluster_commands_report_an_unknown_member_a_bad_address_and_bad_flags()
    {
        var down = await Aq("cluster", "down", "nobody");
        var join = await Aq("cluster", "join", "seed:4053");
        var tail = await Aq("cluster", "tail", "--duration", "0");

        Assert.Equal(1, down.ExitCode);
        Assert.Contains("No member of the cluster has the name, address or id 'nobody'", down.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, join.ExitCode);
        Assert.Contains("akka.tcp://actorqueue@seed:4053", join.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, tail.ExitCode);
        Assert.Contains("--duration", tail.Stderr, StringComparison.Ordinal);
    }
}
