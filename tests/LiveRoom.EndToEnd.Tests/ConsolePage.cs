using LiveRoom.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests;

/// <summary>The staff console (/console), signed in as the test server's first admin (see <see cref="SignInAsync(IPage, LiveRoomTestServer)"/>).</summary>
internal sealed class ConsolePage(IPage page)
{
    public IPage Page { get; } = page;

    /// <summary>What the console did wrong once it was signed in.</summary>
    public PageWatch Watch { get; } = new(page);

    /// <summary>Opens the console in a new page of <paramref name="context"/> and signs in.</summary>
    public static async Task<ConsolePage> SignInAsync(IBrowserContext context, LiveRoomTestServer server) =>
        await SignInAsync(await context.NewPageAsync().Limit(), server);

    /// <summary>Signs in on a page the test set up itself (routes, listeners).</summary>
    public static Task<ConsolePage> SignInAsync(IPage page, LiveRoomTestServer server) => SignInAsync(page, server.AdminEmail, server.AdminPassword);

    /// <summary>Opens the console in a new page of <paramref name="context"/> and signs in as a staff account of the test's own.</summary>
    public static async Task<ConsolePage> SignInAsync(IBrowserContext context, TestStaff staff) =>
        await SignInAsync(await context.NewPageAsync().Limit(), staff.Email, staff.Password);

    private static async Task<ConsolePage> SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("console");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        return new ConsolePage(page);
    }

    /// <summary>The room's card in the room list.</summary>
    public ILocator RoomCard(string title) => Page.Locator(".room-card", new() { HasText = title });

    /// <summary>Waits until the room's card shows its replay as <paramref name="state"/> (<c>data-recording</c>), in <paramref name="text"/>.</summary>
    public async Task ExpectReplayAsync(string title, string state, string text)
    {
        var card = RoomCard(title);
        await Expect(card.Locator(".recording-state")).ToHaveAttributeAsync("data-recording", state);
        await Expect(card.Locator(".recording-text")).ToHaveTextAsync(text);
    }
}
