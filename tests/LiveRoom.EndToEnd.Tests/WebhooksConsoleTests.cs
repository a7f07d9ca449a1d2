using LiveRoom.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests;

/// <summary>The console's webhooks page against a server whose webhooks may reach receivers on loopback.</summary>
public sealed class WebhooksConsoleTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_admin_adds_an_endpoint_sees_its_secret_once_sends_a_test_event_and_resends_to_a_failing_endpoint()
    {
        await using var server = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["LiveRoom:Webhooks:AllowPrivateNetworks"] = "true",
            ["LiveRoom:Webhooks:AllowHttp"] = "true",
            ["LiveRoom:Webhooks:RetrySchedule"] = "10m",
            ["LiveRoom:Webhooks:PollIntervalMilliseconds"] = "200",
        }).Limit(TimeSpan.FromSeconds(60));
        await using var crm = await WebhookReceiver.StartAsync().Limit();
        await using var broken = await WebhookReceiver.StartAsync().Limit();
        await using var context = await fixture.NewContextAsync(server: server);
        var console = await ConsolePage.SignInAsync(context, server);
        var page = console.Page;

        await page.GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Webhooks", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Endpoint URL").FillAsync(crm.Url());
        await page.GetByLabel("room.started", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("question.asked", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();

        // The secret, once, with a copy button; gone after "I have saved it" and never shown again.
        var secret = page.Locator("[data-field=secret]");
        await Expect(secret).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^whsec_[A-Za-z0-9+/=]{40,}$"));
        var secretText = await secret.TextContentAsync().Limit();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy secret" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "I have saved it" }).ClickAsync();
        await Expect(secret).ToBeHiddenAsync();
        var endpoint = page.Locator(".webhook-endpoint", new() { HasText = crm.Url() });
        await Expect(endpoint).ToHaveAttributeAsync("data-health", "new");
        await Expect(endpoint).ToContainTextAsync("question.asked");
        await page.ReloadAsync();
        await Expect(endpoint).ToBeVisibleAsync();
        (await page.ContentAsync().Limit()).ShouldNotContain(secretText!["whsec_".Length..]);

        // A test event arrives and its delivery shows as delivered, 200, one attempt.
        await endpoint.GetByRole(AriaRole.Button, new() { Name = "Send test event" }).ClickAsync();
        var ping = (await crm.WaitForAsync("ping")).Single();
        var delivery = page.Locator($".webhook-delivery[data-event-id='{ping.Id}']");
        await Expect(delivery).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(delivery.Locator(".webhook-outcome")).ToHaveTextAsync("Delivered");
        await Expect(delivery.Locator(".webhook-status-code")).ToHaveTextAsync("200");
        await Expect(delivery.Locator(".webhook-attempts")).ToHaveTextAsync("1");
        await Expect(endpoint).ToHaveAttributeAsync("data-health", "ok");

        // An endpoint that answers 500 stands out as failing, its delivery waits for the next attempt; a re-send
        // is a new attempt with the same webhook-id, and it gets through.
        broken.Plan(new WebhookReply(500));
        await page.GetByLabel("Endpoint URL").FillAsync(broken.Url("failing"));
        await page.GetByLabel("room.ended", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "I have saved it" }).ClickAsync();
        var failing = page.Locator(".webhook-endpoint", new() { HasText = broken.Url("failing") });
        await failing.GetByRole(AriaRole.Button, new() { Name = "Send test event" }).ClickAsync();
        var first = (await broken.WaitForAsync("ping")).Single();
        await Expect(failing).ToHaveAttributeAsync("data-health", "failing");
        await Expect(failing.Locator(".webhook-health-badge")).ToHaveTextAsync("Failing");
        await Expect(failing).ToContainTextAsync("The endpoint answered 500.");
        var waiting = page.Locator($".webhook-delivery[data-event-id='{first.Id}']");
        await Expect(waiting).ToHaveAttributeAsync("data-status", "pending");
        await Expect(waiting.Locator(".webhook-status-code")).ToHaveTextAsync("500");
        await Expect(waiting.Locator(".webhook-next")).Not.ToHaveTextAsync("–");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "console-webhooks.png"), FullPage = true });

        await waiting.GetByRole(AriaRole.Button, new() { Name = "Re-send" }).ClickAsync();
        var again = await broken.WaitForAsync("ping", 2);
        again[1].Id.ShouldBe(first.Id);
        await Expect(waiting).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(waiting.Locator(".webhook-attempts")).ToHaveTextAsync("2");
        await Expect(failing).ToHaveAttributeAsync("data-health", "ok");
        console.Watch.ShouldBeClean();
    }
}
