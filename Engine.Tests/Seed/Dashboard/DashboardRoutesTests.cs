using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ActorQueue.Protocol;
using ActorQueue.Seed.Dashboard.Activity;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Seed.Dashboard;

/// <summary>The dashboard's files and its live feed, over HTTP (the browser tests click through the pages).</summary>
[Trait("Category", "Integration")]
public sealed partial class DashboardRoutesTests
{
    [Fact]
    public async Task The_page_and_every_module_it_imports_are_served_from_the_seed_with_a_strict_content_policy()
    {
        await using var seed = await SeedServer.StartAsync();

        using var page = await seed.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync();

        // Follow every reference from the page and each script: a file left out of the embedded resources is a 404 here.
        var pending = new Queue<string>(Reference().Matches(html).Select(m => m.Groups["path"].Value));
        var served = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var path))
        {
            if (!served.Add(path))
            {
                continue;
            }
            using var response = await seed.Http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
            if (path.EndsWith(".js", StringComparison.Ordinal))
            {
                Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
                var folder = path[..(path.LastIndexOf('/') + 1)];
                foreach (Match import in Import().Matches(await response.Content.ReadAsStringAsync()))
                {
                    pending.Enqueue(new Uri(new Uri("http://seed" + folder), import.Groups["path"].Value).AbsolutePath);
                }
            }
        }
        Assert.Contains("/dashboard/pages/cluster.js", served);
        Assert.Contains("/dashboard/dashboard.css", served);

        using var missing = await seed.Http.GetAsync("/dashboard/nope.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task An_unchanged_file_is_revalidated_not_sent_again()
    {
        await using var seed = await SeedServer.StartAsync();
        using var first = await seed.Http.GetAsync("/dashboard/app.js");
        var etag = first.Headers.ETag!;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/app.js");
        request.Headers.IfNoneMatch.Add(etag);
        using var again = await seed.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Fact]
    public async Task The_stream_starts_with_ten_minutes_of_history_then_pushes_each_second_what_changed()
    {
        await using var seed = await SeedServer.StartAsync(["--name", "streamer", .. SeedServer.FastRetries]);
        using var response = await seed.Http.GetAsync("/api/dashboard/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync());

        var first = await NextAsync(events);
        Assert.Equal(("embedded", "streamer"), (first.Mode, first.Seed));
        Assert.Equal(ThroughputHistory.Seconds, first.Series.Count);
        Assert.Contains(first.Members, m => m.Name == "streamer" && m.Status == "up");

        var ok = await seed.Http.SubmitAsync("""{"kind":"echo"}""");
        var bad = await seed.Http.SubmitAsync("""{"kind":"fail","maxAttempts":2}""");
        await seed.Http.WaitFinalAsync(ok.Id);
        await seed.Http.WaitFinalAsync(bad.Id);

        DashboardSnapshot next;
        do
        {
            next = await NextAsync(events);
        }
        while (next.Queues.FirstOrDefault(q => q.Queue == "default") is not { Completed: 1, Discarded: 1 });
        Assert.Equal(new JobTotals(2, 1, 2), next.Totals);
        Assert.Equal(1, next.Latency.Count);
        Assert.InRange(next.Series.Count, 1, 7);
        Assert.True(next.Changes > first.Changes);
    }

    [Fact]
    public async Task With_a_token_the_stream_is_401_without_it_and_the_page_itself_stays_open()
    {
        await using var seed = await SeedServer.StartAsync(["--api-token", "s3cret"]);

        using var stream = await seed.Http.GetAsync("/api/dashboard/stream");
        using var page = await seed.Http.GetAsync("/");
        using var script = await seed.Http.GetAsync("/dashboard/app.js");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.OK), (stream.StatusCode, page.StatusCode, script.StatusCode));
    }

    /// <summary>Reads up to the next <c>snapshot</c> event, failing after 20 s.</summary>
    private static async Task<DashboardSnapshot> NextAsync(StreamReader events)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (await events.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonSerializer.Deserialize(line["data: ".Length..], WireJsonContext.Default.DashboardSnapshot)!;
            }
        }
        throw new InvalidOperationException("The stream ended.");
    }

    [GeneratedRegex(@"(?:src|href)=""(?<path>/dashboard/[^""]+)""")]
    private static partial Regex Reference();

    [GeneratedRegex("""^import .* from '(?<path>[^']+)';$""", RegexOptions.Multiline)]
    private static partial Regex Import();
}
