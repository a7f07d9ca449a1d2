using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>The console's Calls page (#/calls) as an agent uses it.</summary>
internal sealed class CallAgent(ConsolePage console)
{
    public ConsolePage Console { get; } = console;

    public IPage Page => Console.Page;

    /// <summary>The page root: <c>data-available</c>, <c>data-active-calls</c>.</summary>
    public ILocator Root => Page.Locator(".calls-page");

    public ILocator Availability => Page.GetByRole(AriaRole.Switch, new() { Name = "Available for calls" });

    public ILocator Offer => Page.Locator(".offer-card");

    public ILocator Entries(string roomId) => Page.Locator($".queue-room[data-room-id='{roomId}'] .queue-entry");

    /// <summary>A served room's queue: <c>data-open</c>, <c>data-waiting</c>.</summary>
    public ILocator QueueRoom(string roomId) => Page.Locator($".queue-room[data-room-id='{roomId}']");

    /// <summary>"Close queue" / "Open queue" in the room's queue header (pressed while the queue is closed).</summary>
    public ILocator QueueOpenToggle(string roomId) => QueueRoom(roomId).Locator(".queue-open-toggle");

    public ILocator Entry(string roomId, string displayName) =>
        Entries(roomId).Filter(new() { Has = Page.Locator(".queue-entry-name").GetByText(displayName, new() { Exact = true }) });

    public CallViewPart Call => new(Page.Locator(".calls-active .call-view"));

    /// <summary>"Invite a colleague" under the call (a disclosure button) and its panel.</summary>
    public ILocator InviteButton => Page.Locator(".calls-active").GetByRole(AriaRole.Button, new() { Name = "Invite a colleague" });

    public ILocator InviteRow(string agentId) => Page.Locator($".invite-panel .invite-row[data-agent-id='{agentId}']");

    /// <summary>An invitation into a colleague's call (<c>data-call-id</c>, <c>data-room-id</c>).</summary>
    public ILocator Invitation => Page.Locator(".invite-card");

    /// <summary>Invites a colleague (by staff id) into the call in progress.</summary>
    public async Task InviteAsync(string agentId)
    {
        await InviteButton.ClickAsync();
        await Expect(InviteButton).ToHaveAttributeAsync("aria-expanded", "true");
        var row = InviteRow(agentId);
        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(row.GetByRole(AriaRole.Button)).ToHaveTextAsync("Invited");
    }

    /// <summary>Opens the Calls page from the navigation.</summary>
    public async Task OpenAsync()
    {
        await Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Calls" }).ClickAsync();
        await Expect(Root).ToBeVisibleAsync();
        await Expect(Page.Locator(".calls-toolbar .connection")).ToHaveAttributeAsync("data-state", "connected");
    }

    public async Task SetAvailableAsync(bool available)
    {
        if (await Availability.GetAttributeAsync("aria-checked").Limit() != (available ? "true" : "false")) await Availability.ClickAsync();
        await Expect(Availability).ToHaveAttributeAsync("aria-checked", available ? "true" : "false");
        await Expect(Root).ToHaveAttributeAsync("data-available", available ? "true" : "false");
    }

    /// <summary>Serves the room's queue (its switch in "Rooms I serve") and waits until its queue section shows.</summary>
    public async Task ServeAsync(string title, string roomId)
    {
        var toggle = Page.GetByRole(AriaRole.Switch, new() { Name = $"Serve the call queue of {title}" });
        await toggle.CheckAsync();
        await Expect(Page.Locator($".served-room[data-room-id='{roomId}']")).ToHaveAttributeAsync("data-serving", "true");
        await Expect(Page.Locator($".queue-room[data-room-id='{roomId}']")).ToBeVisibleAsync();
    }
}
