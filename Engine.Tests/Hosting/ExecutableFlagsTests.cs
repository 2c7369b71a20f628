using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Hosting;

/// <summary>Bad flags and unusable stores stop the executables with one sentence, never a stack trace.</summary>
[Trait("Category", "Integration")]
public sealed class ExecutableFlagsTests
{
    [Theory]
    [InlineData(2, "Unknown option '--stor'", "--stor", "sqlite:x.db")]
    [InlineData(2, "--log-format must be text or json, not 'xml'", "--log-format", "xml")]
    [InlineData(2, "--http must be HOST:PORT", "--http", "8080")]
    [InlineData(2, "--workers must be true or false, not 'maybe'", "--workers=maybe")]
    [InlineData(2, "--queues expects NAME=SIZE pairs", "--queues", "default")]
    [InlineData(1, "The directory of the SQLite store does not exist: /no/such/dir", "--store", "sqlite:/no/such/dir/aq.db")]
    [InlineData(2, "The model repository /no/such/models (--models, Inference:Models) does not exist; create it with one folder per model", "--models", "/no/such/models")]
    [InlineData(1, "--store 'mysql://x' is neither sqlite:PATH nor a PostgreSQL URL", "--store", "mysql://x")]
    public async Task The_seed_refuses_bad_flags_with_one_sentence(int exitCode, string expected, params string[] args)
    {
        var result = await ExecutableProcess.RunAsync("Engine.Seed.dll", args);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_seed_on_the_same_SQLite_file_is_refused()
    {
        using var directory = new TempDirectory();
        await using var first = await SeedProcess.StartAsync(directory.File("one.db"));

        var second = await ExecutableProcess.RunAsync("Engine.Seed.dll", "--store", "sqlite:" + directory.File("one.db"), "--http", $"127.0.0.1:{SeedProcess.FreePort()}");

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("Another ActorQueue process is using", second.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a worker node cannot use a SQLite store", "--store", "sqlite:aq.db")]
    [InlineData("--store is required", "--name", "n1")]
    [InlineData("Unknown option '--bogus'", "--bogus", "1")]
    [InlineData("The model repository /no/such/models (--models, Inference:Models) does not exist", "--store", "postgres://u:p@127.0.0.1/db", "--models", "/no/such/models")]
    [InlineData("--queues expects NAME=SIZE pairs", "--store", "postgres://u:p@127.0.0.1/db", "--queues", "image=x")]
    public async Task The_node_refuses_bad_flags_with_one_sentence(string expected, params string[] args)
    {
        var result = await ExecutableProcess.RunAsync("Engine.Node.dll", args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }
}
