using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Leads;

/// <summary>The room's private channel on the viewer page: its QR code, and a link that lands on the channel (docs/CHANNELS.md).</summary>
public sealed class ChannelCardTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_viewer_on_a_phone_sees_the_rooms_qr_code_and_its_link_opens_the_channel()
    {
        var server = fixture.Server;
        var room = await server.CreateRoomAsync(BrowserFixture.UniqueTitle("Channel"), TestContext.Current.CancellationToken).Limit();
        var target = new Uri(server.BaseAddress, "console").ToString();
        using (var admin = server.CreateHttpClient(await server.LoginAsync().Limit()))
        {
            using var saved = await admin.PutAsJsonAsync($"api/rooms/{room.Id}/channel", new
            {
                enabled = true,
                kind = "weCom",
                url = target,
                label = new { en = "Talk to our advisers on WeCom", zh = "添加顾问企业微信" },
            }).Limit();
            saved.EnsureSuccessStatusCode();
            using var form = await admin.PutAsJsonAsync($"api/rooms/{room.Id}/leads/form", new { enabled = false }).Limit();
            form.EnsureSuccessStatusCode();
        }

        await using var phone = await fixture.NewContextAsync(phone: true);
        var viewer = await ViewerPage.OpenAsync(phone, $"r/{room.Id}");
        await viewer.JoinAsync("Scanner");
        await viewer.Page.GetByRole(AriaRole.Tab, new() { Name = "Contact me" }).ClickAsync();

        var card = viewer.Page.GetByRole(AriaRole.Region, new() { Name = "Talk to our advisers on WeCom" });
        await Expect(card).ToBeVisibleAsync();
        var qr = card.GetByRole(AriaRole.Img, new() { Name = "QR code to our private channel" });
        await Expect(qr).ToBeVisibleAsync();
        (await qr.EvaluateAsync<int>("img => img.naturalWidth")).ShouldBeGreaterThan(0, "the QR code image loaded");
        await Expect(viewer.Page.Locator(".lead-form")).ToHaveCountAsync(0);
        await viewer.ScreenshotAsync("viewer-channel-phone");

        var popup = await viewer.Page.RunAndWaitForPopupAsync(() => card.GetByRole(AriaRole.Link, new() { Name = "Add us on WeCom" }).ClickAsync());
        await popup.WaitForURLAsync(target, new() { Timeout = BrowserFixture.UiTimeoutMs });
        viewer.Watch.ShouldBeClean();
    }
}
