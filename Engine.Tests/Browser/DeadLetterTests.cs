using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ActorQueue.Tests.Browser;

/// <summary>The dead-letter queue: retry one job and watch it complete; retry many, capped, after a confirmation.</summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class DeadLetterTests(Chromium chromium, BrowserSeed shared) : IClassFixture<BrowserSeed>
{
    private HttpClient Http => shared.Http;

    /// <summary>Jobs that die on their first run and succeed on the next: re-driven, they complete.</summary>
    private async Task<string[]> KillAsync(int count, string message)
    {
        var ids = (await Http.SubmitBatchAsync(Enumerable.Range(0, count).Select(_ => DiesOnce.Job(message)))).Ids;
        foreach (var id in ids)
        {
            Assert.Equal(JobStateName.Discarded, (await Http.WaitFinalAsync(id)).State);
        }
        return [.. ids];
    }

    [Fact]
    public async Task Retrying_a_dead_job_from_the_list_and_from_its_page_runs_it_again_to_completion()
    {
        var (first, second) = (await KillAsync(2, "dies once")) switch { var ids => (ids[0], ids[1]) };
        await using var tab = await chromium.OpenAsync(shared.Seed.BaseAddress, "#/dlq");
        var rows = tab.Rows("Dead jobs");
        await Expect(rows.Filter(new() { HasText = "dies once" })).ToHaveCountAsync(2);

        await rows.Filter(new() { HasText = first[^8..] }).GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();

        await Expect(tab.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Re-drove job" })).ToContainTextAsync(first[^8..]);
        await Expect(rows.Filter(new() { HasText = first[^8..] })).ToHaveCountAsync(0);
        Assert.Equal(JobStateName.Completed, (await Http.WaitFinalAsync(first)).State);

        await rows.Filter(new() { HasText = second[^8..] }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(tab.Page.Locator(".facts .badge")).ToHaveTextAsync("discarded");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        // The page follows the job's events: it runs again and completes, on its second attempt.
        await Expect(tab.Page.Locator(".facts .badge")).ToHaveTextAsync("completed");
        await Expect(tab.Rows("Attempts")).ToHaveCountAsync(2);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Retry_all_asks_first_re_drives_at_most_the_cap_and_says_how_many()
    {
        (await Http.PostAsync("/api/dlq/retry", null)).Dispose(); // a clean dead-letter queue for the counts below
        var ids = await KillAsync(3, "dies in bulk");
        await using var tab = await chromium.OpenAsync(shared.Seed.BaseAddress, "#/dlq");
        await Expect(tab.Page.Locator("[data-stat='dead']")).ToHaveTextAsync("3");

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Retry all…" }).ClickAsync();
        var dialog = tab.Page.GetByRole(AriaRole.Dialog, new() { Name = "Re-drive dead jobs?" });
        await Expect(dialog).ToContainTextAsync("3 jobs are dead.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(tab.Rows("Dead jobs")).ToHaveCountAsync(3);

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Retry all…" }).ClickAsync();
        await dialog.GetByLabel("At most this many, oldest first").FillAsync("2");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Re-drive" }).ClickAsync();

        await Expect(tab.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Re-drove" })).ToHaveTextAsync("Re-drove 2 jobs; 1 still dead.");
        await Expect(tab.Page.Locator("[data-stat='dead']")).ToHaveTextAsync("1");
        await Expect(tab.Rows("Dead jobs")).ToHaveCountAsync(1);
        await Expect(tab.Rows("Dead jobs")).ToContainTextAsync(ids[2][^8..]);

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Retry all…" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Re-drive" }).ClickAsync();
        await Expect(tab.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Re-drove" })).ToHaveTextAsync("Re-drove 1 job; 0 still dead.");
        await Expect(tab.Page.GetByText("The dead-letter queue is empty.")).ToBeVisibleAsync();
        await Expect(tab.Page.GetByRole(AriaRole.Button, new() { Name = "Retry all…" })).ToBeDisabledAsync();
        foreach (var id in ids)
        {
            Assert.Equal(JobStateName.Completed, (await Http.WaitFinalAsync(id)).State);
        }
        Assert.Empty(tab.Errors);
    }
}
