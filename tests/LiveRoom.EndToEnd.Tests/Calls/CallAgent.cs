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

    /// <summary>Every call in progress on the page (an agent with a capacity above 1 may hold several).</summary>
    public ILocator Calls => Page.Locator(".calls-active .call-view");

    /// <summary>One call in progress, by its id.</summary>
    public CallViewPart CallOf(string callId) => new(Page.Locator($".calls-active .call-view[data-call-id='{callId}']"));

    /// <summary>"Calls at once" (the capacity, 1–5).</summary>
    public ILocator Capacity => Page.GetByLabel("Calls at once");

    /// <summary>"n of m calls" beside the availability switch.</summary>
    public ILocator StatusText => Page.Locator(".calls-toolbar .agent-status");

    /// <summary>Whom a queue entry rings now ("Ringing you", "Ringing another agent"); hidden while it rings nobody.</summary>
    public ILocator Ringing(string roomId, string displayName) => Entry(roomId, displayName).Locator(".queue-entry-ringing");

    /// <summary>The ringing offer of one viewer (by name).</summary>
    public ILocator OfferFrom(string displayName) =>
        Offer.Filter(new() { Has = Page.Locator(".offer-title").GetByText($"Incoming call from {displayName}", new() { Exact = true }) });

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

    /// <summary>Sets how many calls the agent takes at once and waits until the server has it.</summary>
    public async Task SetCapacityAsync(int capacity)
    {
        await Capacity.SelectOptionAsync(capacity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(StatusText).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($@"\bof {capacity} calls$"));
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
