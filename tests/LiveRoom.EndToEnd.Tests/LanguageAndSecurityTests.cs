using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests;

public sealed class LanguageAndSecurityTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_browser_set_to_Chinese_gets_the_Chinese_viewer_page_without_any_Content_Security_Policy_violation()
    {
        var room = await fixture.Server.CreateRoomAsync(BrowserFixture.UniqueTitle("中文直播"), TestContext.Current.CancellationToken).Limit();
        await using var context = await fixture.NewContextAsync(locale: "zh-CN", phone: true);
        var page = await context.NewPageAsync().Limit();
        var watch = new PageWatch(page);

        var response = await page.GotoAsync($"r/{room.Id}");
        response.ShouldNotBeNull();
        (await response.HeaderValueAsync("content-security-policy").Limit()).ShouldNotBeNull().ShouldContain("script-src 'self'");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "加入聊天" })).ToBeVisibleAsync();
        await Expect(page.Locator("#join-name")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^游客 \d{4}$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "加入" }).ClickAsync();

        await Expect(page.Locator(".connection")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "聊天" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "问答" })).ToBeVisibleAsync();
        await Expect(page.GetByText("还没有消息，来打个招呼吧")).ToBeVisibleAsync();
        await Expect(page.Locator(".status-badge")).ToHaveTextAsync("尚未开始");
        await Expect(page.Locator(".video-message")).ToHaveTextAsync("直播尚未开始");
        var input = page.GetByRole(AriaRole.Textbox, new() { Name = "聊天消息" });
        await input.FillAsync("大家好");
        // The server's limit in this fixture, from the room snapshot; the page's own default is 500.
        await Expect(page.Locator(".chat-composer .composer-counter")).ToHaveTextAsync($"3/{BrowserFixture.ServerMaxMessageLength}");
        await input.PressAsync("Enter");
        await Expect(page.Locator(".chat-text").GetByText("大家好", new() { Exact = true })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "viewer-zh-phone.png") });

        // The toggle switches to English and the choice survives a reload.
        await page.GetByRole(AriaRole.Button, new() { Name = "切换为英文界面" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Chat" })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.ReloadAsync();
        await Expect(page.Locator(".connection")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(page.Locator(".status-badge")).ToHaveTextAsync("Not started yet");

        watch.ShouldBeClean();
    }

    [Fact]
    public async Task The_staff_console_in_Chinese_signs_in_and_lists_rooms_without_any_Content_Security_Policy_violation()
    {
        var title = BrowserFixture.UniqueTitle("控制台");
        await fixture.Server.CreateRoomAsync(title, TestContext.Current.CancellationToken).Limit();
        await using var context = await fixture.NewContextAsync(locale: "zh-CN");
        var page = await context.NewPageAsync().Limit();
        var watch = new PageWatch(page);

        await page.GotoAsync("console");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "工作人员登录" })).ToBeVisibleAsync();
        await page.GetByLabel("邮箱").FillAsync(fixture.Server.AdminEmail);
        await page.GetByLabel("密码").FillAsync(fixture.Server.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        var card = page.Locator(".room-card", new() { HasText = title });
        await Expect(card.GetByRole(AriaRole.Link, new() { Name = "管理" })).ToBeVisibleAsync();
        await Expect(card.Locator(".status-badge")).ToHaveTextAsync("尚未开始");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "创建直播间" })).ToBeVisibleAsync();

        watch.ShouldBeClean();
    }
}
