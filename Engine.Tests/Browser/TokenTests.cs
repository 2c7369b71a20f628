using System.Text.RegularExpressions;
using ActorQueue.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ActorQueue.Tests.Browser;

/// <summary>With <c>--api-token</c> the dashboard asks for the token, says when it is wrong, and never shows empty tables.</summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class TokenTests(Chromium chromium, TokenTests.TokenSeed shared) : IClassFixture<TokenTests.TokenSeed>
{
    private const string Token = "dashboard-s3cret";

    [Fact]
    public async Task The_page_asks_for_the_token_says_when_it_is_wrong_and_shows_the_data_with_the_right_one()
    {
        var echo = await shared.Http.SubmitAsync("""{"kind":"echo","payload":{"signed":"in"}}""");
        await shared.Http.WaitFinalAsync(echo.Id);
        await using var tab = await chromium.OpenAsync(shared.Seed.BaseAddress, "#/jobs");

        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to ActorQueue" })).ToBeVisibleAsync();
        await Expect(tab.Page.Locator("table")).ToHaveCountAsync(0);
        await Expect(tab.Page.GetByRole(AriaRole.Navigation, new() { Name = "Dashboard pages" })).ToBeHiddenAsync();

        await tab.Page.GetByLabel("API token").FillAsync("not-the-token");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(tab.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong token: the seed answered 401");
        await Expect(tab.Page.Locator("table")).ToHaveCountAsync(0);

        await tab.Page.GetByLabel("API token").FillAsync(Token);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = "Jobs", Exact = true })).ToBeVisibleAsync();
        await Expect(tab.Rows("Jobs").Filter(new() { HasText = echo.Id[^8..] })).ToContainTextAsync("completed");
        await tab.LiveAsync();
        await Expect(tab.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task A_remembered_token_that_the_seed_no_longer_accepts_brings_back_the_sign_in_page_saying_so()
    {
        await using var tab = await chromium.OpenAsync(shared.Seed.BaseAddress, "#/", context =>
            context.AddInitScriptAsync("localStorage.setItem('actorqueue.token', 'an-old-token')"));

        await Expect(tab.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(new Regex("The token was not accepted \\(401 Wrong token\\)"));
        await Expect(tab.Page.Locator("table")).ToHaveCountAsync(0);
        Assert.Empty(tab.Errors);
    }

    /// <summary>A seed started with <c>--api-token</c>; the tests' own client sends the token.</summary>
    public sealed class TokenSeed : BrowserSeed
    {
        protected override string[] Arguments => ["--api-token", Token];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Seed.UseToken(Token);
        }
    }
}
