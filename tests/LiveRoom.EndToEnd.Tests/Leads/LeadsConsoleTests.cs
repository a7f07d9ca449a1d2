using System.Net.Http.Json;
using LiveRoom.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Leads;

/// <summary>The console's leads page: a marketer reads a room's leads, marks one contacted, exports them and changes the form.</summary>
public sealed class LeadsConsoleTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_marketer_reads_the_rooms_leads_marks_one_contacted_exports_the_csv_and_rewords_the_consent()
    {
        var server = fixture.Server;
        var title = BrowserFixture.UniqueTitle("Lead list");
        var room = await server.CreateRoomAsync(title, TestContext.Current.CancellationToken).Limit();
        using (var admin = server.CreateHttpClient(await server.LoginAsync().Limit()))
        {
            using var form = await admin.PutAsJsonAsync($"api/rooms/{room.Id}/leads/form", new
            {
                enabled = true,
                consentText = new { en = "You may contact me.", zh = "可以联系我。" },
                marketingText = new { en = "Send me offers.", zh = "给我发送优惠信息。" },
            }).Limit();
            form.EnsureSuccessStatusCode();
        }

        await LeaveDetailsAsync(room.Id, "Lin", new { name = "Lin", phone = "13800138000", note = "Mortgage rates?", consent = true, locale = "zh" });
        await LeaveDetailsAsync(room.Id, "Mallory", new { name = "=cmd|' /C calc'!A0", email = "m@example.com", consent = true, marketingOptIn = true });
        var marketer = await server.CreateStaffAsync("marketer").Limit();
        await using var context = await fixture.NewContextAsync();
        var console = await ConsolePage.SignInAsync(context, marketer);

        await console.Page.GetByRole(AriaRole.Link, new() { Name = "Leads", Exact = true }).ClickAsync();
        await console.Page.GetByLabel("Room", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = title });
        var page = console.Page.Locator(".leads-page");
        await Expect(page).ToHaveAttributeAsync("data-count", "2");
        var lin = page.Locator(".lead-item", new() { HasText = "Lin" });
        await Expect(lin.Locator(".lead-contact")).ToHaveTextAsync("+8613800138000");
        await Expect(lin).ToContainTextAsync("Mortgage rates?");
        await Expect(lin.Locator(".lead-consent-line")).ToContainTextAsync("Consent v2 (zh)");
        await Expect(page.Locator(".lead-item", new() { HasText = "m@example.com" }).Locator(".lead-marketing-badge")).ToBeVisibleAsync();
        console.Page.Url.ShouldEndWith($"#/leads/{room.Id}");

        await lin.GetByRole(AriaRole.Checkbox, new() { Name = "Mark Lin contacted" }).CheckAsync();
        await Expect(lin).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bcontacted\b"));
        var download = await console.Page.RunAndWaitForDownloadAsync(() => console.Page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync().Limit(), TestContext.Current.CancellationToken).Limit();
        download.SuggestedFilename.ShouldBe($"leads-{room.Id}.csv");
        csv.ShouldContain("'=cmd|' /C calc'!A0", customMessage: "a formula is neutralised");
        csv.ShouldContain("'+8613800138000");

        var editor = page.GetByRole(AriaRole.Form, new() { Name = "Lead form" });
        await editor.GetByLabel("Company").SelectOptionAsync("required");
        await editor.GetByLabel("Consent text (English)").FillAsync("Bank X may call me about mortgages.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save the form" }).ClickAsync();
        await Expect(editor.Locator(".lead-form-status")).ToHaveTextAsync("Saved: consent version 3.");
        await console.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "console-leads-desktop.png") });

        // A reload of the page shows the same room, the contacted mark and the saved form.
        await console.Page.ReloadAsync();
        await Expect(page).ToHaveAttributeAsync("data-count", "2");
        await Expect(page.Locator(".lead-item", new() { HasText = "Lin" }).GetByRole(AriaRole.Checkbox)).ToBeCheckedAsync();
        await Expect(editor.GetByLabel("Company")).ToHaveValueAsync("required");
        console.Watch.ShouldBeClean();
    }

    [Fact]
    public async Task An_agent_has_no_leads_page()
    {
        var agent = await fixture.Server.CreateStaffAsync("agent").Limit();
        await using var context = await fixture.NewContextAsync(phone: true);
        var console = await ConsolePage.SignInAsync(context, agent);

        await Expect(console.Page.Locator("[data-page='calls']").First).ToBeAttachedAsync();
        await Expect(console.Page.Locator("[data-page='leads']")).ToHaveCountAsync(0);
    }

    private async Task LeaveDetailsAsync(string roomId, string name, object body)
    {
        var viewer = await fixture.Server.CreateViewerAsync(roomId, name).Limit();
        using var client = fixture.Server.CreateHttpClient(viewer.AccessToken);
        using var response = await client.PostAsJsonAsync($"api/rooms/{roomId}/leads", body).Limit();
        response.EnsureSuccessStatusCode();
    }
}
