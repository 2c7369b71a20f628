using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Logging;

/// <summary>The seed's <c>--log-format json</c> output as a log shipper reads it: every line one JSON object with unique keys.</summary>
[Trait("Category", "Integration")]
public sealed class JsonLogProcessTests
{
    [Fact]
    public async Task Every_line_of_a_json_seed_log_is_strict_json_from_start_to_a_clean_stop()
    {
        using var directory = new TempDirectory();
        await using var seed = await SeedProcess.StartAsync(directory.File("seed.db"),
            ["--log-format", "json", "--Logging:LogLevel:Default=Debug", .. SeedServer.FastRetries]);

        var echo = await seed.Http.SubmitAsync("""{"kind":"echo","payload":{"role":"admin","node":"n1","msg":"hi"}}""");
        var fail = await seed.Http.SubmitAsync("""{"kind":"fail","payload":{"message":"no"},"maxAttempts":2}""");
        await seed.Http.WaitFinalAsync(echo.Id);
        Assert.Equal(JobStateName.Discarded, (await seed.Http.WaitFinalAsync(fail.Id)).State);
        var dataset = await seed.Http.CreateDatasetAsync();
        await seed.Http.UploadAsync(dataset.Id, GameResults.Generate(50).ToCsv());
        await seed.Http.SealAsync(dataset.Id);
        await seed.Http.WaitDatasetFinalAsync(dataset.Id);
        using (var tcp = new System.Net.Sockets.TcpClient())
        {
            await tcp.ConnectAsync("127.0.0.1", seed.TcpPort);
        }

        Assert.Equal(0, await seed.TerminateAsync(TimeSpan.FromSeconds(60)));

        var lines = seed.Output.Where(line => line.Length > 0).ToList();
        var actions = new List<string>();
        foreach (var line in lines)
        {
            var json = StrictJson.ParseLine(line);
            actions.Add(json.GetProperty("action").GetString()!);
            Assert.Equal("seed", json.GetProperty("role").GetString());
        }
        Assert.Contains("HttpListening", actions);
        Assert.Contains("TcpListening", actions);
        Assert.Contains("AkkaListening", actions);
        Assert.Contains("JobCompleted", actions);
        Assert.Contains("JobAttemptFailed", actions);
        Assert.Contains("JobDiscarded", actions);
        Assert.Contains("DatasetCompleted", actions);
        Assert.DoesNotContain("TcpAcceptFailed", actions);
    }
}
