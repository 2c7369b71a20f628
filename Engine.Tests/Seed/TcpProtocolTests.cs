using System.Text.Json;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Seed;

/// <summary>The NDJSON protocol on the seed's TCP port.</summary>
[Trait("Category", "Integration")]
public sealed class TcpProtocolTests : IAsyncLifetime
{
    private SeedServer _seed = null!;

    public async Task InitializeAsync() => _seed = await SeedServer.StartAsync();

    public async Task DisposeAsync() => await _seed.DisposeAsync();

    [Fact]
    public async Task Ping_answers_pong()
    {
        await using var tcp = await TcpClientSession.ConnectAsync(_seed.Tcp);

        var response = await tcp.RequestAsync("""{"op":"ping"}""");

        Assert.True(response.GetProperty("ok").GetBoolean());
        Assert.Equal("pong", response.GetProperty("op").GetString());
    }

    [Fact]
    public async Task Pipelined_requests_are_answered_in_order()
    {
        await using var tcp = await TcpClientSession.ConnectAsync(_seed.Tcp);
        var lines = string.Concat(Enumerable.Range(0, 100).Select(i => "{\"op\":\"submit\",\"job\":{\"kind\":\"echo\",\"payload\":" + i + "}}\n"));

        await tcp.SendAsync(lines + """{"op":"ping"}""" + "\n");

        var ids = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            var response = await tcp.ReceiveAsync();
            Assert.True(response.GetProperty("ok").GetBoolean(), response.ToString());
            ids.Add(response.GetProperty("id").GetString()!);
        }
        Assert.Equal("pong", (await tcp.ReceiveAsync()).GetProperty("op").GetString());
        // Ids are time-ordered, so in-order answers mean ascending ids.
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        var last = await tcp.RequestAsync($$"""{"op":"get","id":"{{ids[^1]}}","wait":20}""");
        Assert.Equal("completed", last.GetProperty("job").GetProperty("state").GetString());
        Assert.Equal("99", last.GetProperty("job").GetProperty("result").GetRawText());
    }

    [Theory]
    [InlineData("this is not json", "Malformed request")]
    [InlineData("""{"op":"launch"}""", "Unknown op 'launch'")]
    [InlineData("""{"nop":1}""", "Every request needs an op")]
    [InlineData("""{"op":"submit","job":{"kind":"nope"}}""", "Unknown job kind 'nope'")]
    [InlineData("""{"op":"submit","job":{"kind":"echo","queeu":"x"}}""", "Malformed request: Unknown field 'job.queeu'. Known fields: kind,")]
    [InlineData("""{"op":"submit","job":{"kind":"echo","queue":"nowhere"}}""", "Unknown queue 'nowhere'. Known queues: default")]
    [InlineData("""{"op":"submit","job":{"kind":"echo","priority":"x"}}""", "Malformed request: Field 'job.priority' has the wrong type")]
    [InlineData("""{"op":"get","id":"missing"}""", "No job has the id 'missing'")]
    [InlineData("""{"op":"get"}""", "get needs an id")]
    public async Task A_bad_line_gets_an_error_and_the_connection_stays_usable(string line, string expected)
    {
        await using var tcp = await TcpClientSession.ConnectAsync(_seed.Tcp);

        var error = await tcp.RequestAsync(line);
        var after = await tcp.RequestAsync("""{"op":"ping"}""");

        Assert.False(error.GetProperty("ok").GetBoolean());
        Assert.StartsWith(expected, error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(after.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task An_over_long_line_is_refused_and_the_next_line_still_works()
    {
        await using var tcp = await TcpClientSession.ConnectAsync(_seed.Tcp);

        await tcp.SendAsync("{\"op\":\"ping\",\"pad\":\"" + new string('x', 2 * 1024 * 1024) + "\"}\n{\"op\":\"ping\"}\n");

        var error = await tcp.ReceiveAsync();
        Assert.Contains("limited to 1048576 bytes", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("pong", (await tcp.ReceiveAsync()).GetProperty("op").GetString());
    }
}

[Trait("Category", "Integration")]
public sealed class TcpAuthenticationTests
{
    [Fact]
    public async Task With_a_token_configured_requests_need_auth_first_and_a_wrong_token_is_refused()
    {
        await using var seed = await SeedServer.StartAsync(["--api-token", "s3cret"]);
        await using var tcp = await TcpClientSession.ConnectAsync(seed.Tcp);

        var before = await tcp.RequestAsync("""{"op":"submit","job":{"kind":"echo"}}""");
        var wrong = await tcp.RequestAsync("""{"op":"auth","token":"guess"}""");
        var stillRefused = await tcp.RequestAsync("""{"op":"submit","job":{"kind":"echo"}}""");
        var right = await tcp.RequestAsync("""{"op":"auth","token":"s3cret"}""");
        var accepted = await tcp.RequestAsync("""{"op":"submit","job":{"kind":"echo"}}""");

        Assert.StartsWith("Authenticate first", before.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("Wrong token.", wrong.GetProperty("error").GetString());
        Assert.False(stillRefused.GetProperty("ok").GetBoolean());
        Assert.True(right.GetProperty("ok").GetBoolean());
        Assert.True(accepted.GetProperty("ok").GetBoolean());
        Assert.Equal(JsonValueKind.String, accepted.GetProperty("id").ValueKind);
    }
}
