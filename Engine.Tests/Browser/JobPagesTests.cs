using System.Text.RegularExpressions;
using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.Inference;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ActorQueue.Tests.Browser;

/// <summary>The job list (filters, pages) and the job page (attempts, actions, thumbnails, predictions).</summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class JobPagesTests(Chromium chromium, ModelBrowserSeed shared) : IClassFixture<ModelBrowserSeed>
{
    private HttpClient Http => shared.Http;

    [Fact]
    public async Task The_list_filters_by_state_queue_and_kind_and_pages_back_and_forth()
    {
        var echoes = (await Http.SubmitBatchAsync(Enumerable.Range(0, 30).Select(i => $$$"""{"kind":"echo","payload":{"page":{{{i}}}}}"""))).Ids;
        var dead = await Http.SubmitAsync("""{"kind":"fail","payload":{"message":"filtered out"},"maxAttempts":1}""");
        foreach (var id in echoes.Append(dead.Id))
        {
            await Http.WaitFinalAsync(id);
        }
        await using var tab = await chromium.OpenAsync(shared.Seed.BaseAddress, "#/jobs");
        await tab.LiveAsync();
        var rows = tab.Rows("Jobs");

        await Expect(rows).ToHaveCountAsync(25);
        await Expect(tab.Page.GetByText("Page 1")).ToBeVisibleAsync();
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Older →" }).ClickAsync();
        await Expect(tab.Page.GetByText("Page 2")).ToBeVisibleAsync();
        await Expect(rows.Filter(new() { HasText = dead.Id[^8..] })).ToHaveCountAsync(0);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "← Newer" }).ClickAsync();
        await Expect(tab.Page.GetByText("Page 1")).ToBeVisibleAsync();
        await Expect(rows.Filter(new() { HasText = dead.Id[^8..] })).ToHaveCountAsync(1);

        await tab.Page.GetByLabel("Kind").SelectOptionAsync("fail");
        await tab.Page.GetByLabel("State").SelectOptionAsync("discarded");
        await tab.Page.GetByLabel("Queue").SelectOptionAsync("default");
        await Expect(tab.Page).ToHaveURLAsync(new Regex(@"#/jobs\?state=discarded&queue=default&kind=fail$"));
        await Expect(rows.Filter(new() { HasText = dead.Id[^8..] })).ToHaveCountAsync(1);
        await Expect(rows.Filter(new() { HasNotText = "discarded" })).ToHaveCountAsync(0);
        await Expect(rows.Filter(new() { HasNotText = "fail" })).ToHaveCountAsync(0);

        await tab.Page.GetByLabel("Kind").SelectOptionAsync("echo");
        await Expect(rows).ToHaveCountAsync(0);
        await Expect(tab.Page.GetByText("No job matches these filters.")).ToBeVisibleAsync();
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task A_job_page_shows_payload_result_and_every_attempt_with_its_node_time_and_error()
    {
        var flaky = await Http.SubmitAsync("""{"kind":"fail","payload":{"message":"first try fails","times":1},"maxAttempts":3}""");
        var job = await Http.WaitFinalAsync(flaky.Id);
        Assert.Equal(JobStateName.Completed, job.State);

        await using var tab = await chromium.OpenAsync(shared.Seed.BaseAddress, "#/jobs");
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = flaky.Id[^8..] }).ClickAsync();

        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(flaky.Id);
        var attempts = tab.Rows("Attempts");
        await Expect(attempts).ToHaveCountAsync(2);
        await Expect(attempts.Nth(0)).ToContainTextAsync(new Regex($"1\\s*{BrowserSeed.Name}.*failed\\s*first try fails"));
        await Expect(attempts.Nth(1)).ToContainTextAsync(new Regex($"2\\s*{BrowserSeed.Name}.*completed"));
        await Expect(tab.Page.Locator("section", new() { Has = tab.Page.GetByRole(AriaRole.Heading, new() { Name = "Payload" }) }).Locator("pre")).ToContainTextAsync("\"times\": 1");
        await Expect(tab.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToHaveCountAsync(0);
        await Expect(tab.Page.GetByRole(AriaRole.Button, new() { Name = "Retry" })).ToHaveCountAsync(0);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Cancelling_a_running_job_from_its_page_stops_it_and_the_page_follows_live()
    {
        var sleeper = await Http.SubmitAsync("""{"kind":"sleep","payload":{"ms":120000}}""");
        await using var tab = await chromium.OpenAsync(shared.Seed.BaseAddress, $"#/jobs/{sleeper.Id}");
        await Expect(tab.Page.Locator(".facts .badge")).ToHaveTextAsync("running");

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await Expect(tab.Page.Locator(".facts .badge")).ToHaveTextAsync("cancelled");
        await Expect(tab.Page.GetByRole(AriaRole.Button, new() { Name = "Retry" })).ToBeVisibleAsync();
        Assert.Equal(JobStateName.Cancelled, (await Http.GetJobAsync(sleeper.Id)).State);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task An_image_job_shows_its_thumbnails()
    {
        var job = await Http.SubmitUploadAsync("/api/images", ColourImages.Solid(ColourImages.Blue, width: 80, height: 60), "sizes=24,48&format=png&wait=20", "image/png");
        Assert.Equal(JobStateName.Completed, job.State);

        await using var tab = await chromium.OpenAsync(shared.Seed.BaseAddress, $"#/jobs/{job.Id}");

        var thumbnails = tab.Page.GetByLabel("Thumbnails").Locator("img");
        await Expect(thumbnails).ToHaveCountAsync(2);
        await Expect(thumbnails.Nth(0)).ToHaveJSPropertyAsync("naturalWidth", 24);
        await Expect(thumbnails.Nth(1)).ToHaveJSPropertyAsync("naturalWidth", 48);
        await Expect(tab.Page.Locator("figcaption").Nth(1)).ToContainTextAsync("48×36 png");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task A_classify_job_shows_its_image_and_top_predictions_with_scores()
    {
        var job = await Http.ClassifyAsync(ColourImages.Solid(ColourImages.Red), "model=colours&top=3&wait=20");
        Assert.Equal("red", job.Best());

        await using var tab = await chromium.OpenAsync(shared.Seed.BaseAddress, $"#/jobs/{job.Id}");

        var predictions = tab.Page.GetByRole(AriaRole.List, new() { Name = "Top predictions" }).Locator("li");
        await Expect(predictions).ToHaveCountAsync(3);
        await Expect(predictions.First).ToContainTextAsync(new Regex(@"red\s*\d+\.\d%"));
        await Expect(tab.Page.GetByText("Model colours")).ToBeVisibleAsync();
        await Expect(tab.Page.GetByRole(AriaRole.Img, new() { Name = "The classified image" })).ToHaveJSPropertyAsync("naturalWidth", 40);
        Assert.Empty(tab.Errors);
    }
}
