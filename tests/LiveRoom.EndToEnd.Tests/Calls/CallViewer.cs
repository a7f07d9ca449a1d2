using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>The viewer page's private-call parts: "Talk privately", the queue card and the call view.</summary>
internal sealed class CallViewer(ViewerPage viewer)
{
    public ViewerPage Viewer { get; } = viewer;

    public IPage Page => Viewer.Page;

    /// <summary>The panel under the live; <c>data-call-phase</c> says where the viewer stands (idle, waiting, inCall, ended…).</summary>
    public ILocator Panel => Page.Locator(".call-panel");

    public ILocator Topic => Page.GetByLabel("What you would like to talk about (optional)");

    public ILocator TalkButton => Page.GetByRole(AriaRole.Button, new() { Name = "Talk privately" });

    public ILocator QueueCard => Page.Locator(".queue-card");

    /// <summary>The position line; <c>data-position</c> holds the number.</summary>
    public ILocator Position => Page.Locator(".queue-position");

    public ILocator Estimate => Page.Locator(".queue-estimate");

    public ILocator LeaveButton => Page.GetByRole(AriaRole.Button, new() { Name = "Leave queue" });

    public ILocator PanelError => Page.Locator(".call-panel .inline-error");

    /// <summary>The live's video (not the call's): the first player, in the live's column.</summary>
    public ILocator LiveVideo => Page.Locator(".stage-main section.video video");

    public CallViewPart Call => new(Page.Locator(".call-slot .call-view"));

    /// <summary>Asks for a call and waits until the queue card shows.</summary>
    public async Task RequestAsync(string? topic = null)
    {
        await Expect(Panel).ToHaveAttributeAsync("data-call-phase", "idle");
        if (topic is not null) await Topic.FillAsync(topic);
        await TalkButton.ClickAsync();
        await Expect(QueueCard).ToBeVisibleAsync();
    }
}
