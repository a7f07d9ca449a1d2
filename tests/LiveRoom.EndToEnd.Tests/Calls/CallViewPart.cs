using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>
/// A call on screen (the viewer's or the agent's): its root carries <c>data-call-state</c>,
/// <c>data-frames-decoded</c>, <c>data-first-frame-ms</c> and what each side sends
/// (<c>data-remote-audio</c>/<c>-video</c>, <c>data-local-audio</c>/<c>-video</c>).
/// </summary>
internal sealed class CallViewPart(ILocator root)
{
    public ILocator Root { get; } = root;

    public ILocator MuteButton => Root.Locator(".call-mute");

    public ILocator CameraButton => Root.Locator(".call-camera");

    public ILocator HangUpButton => Root.GetByRole(AriaRole.Button, new() { Name = "Hang up" });

    public ILocator RemoteMutedBadge => Root.Locator(".call-badge-muted");

    public ILocator RemoteCameraOff => Root.Locator(".call-camera-off");

    public async Task ExpectStateAsync(string state, float timeoutMs = BrowserFixture.UiTimeoutMs) =>
        await Expect(Root).ToHaveAttributeAsync("data-call-state", state, new() { Timeout = timeoutMs });

    /// <summary>Waits until the other side's video has decoded at least <paramref name="frames"/> frames (inbound-rtp framesDecoded).</summary>
    public async Task WaitForFramesAsync(int frames, float timeoutMs = 20_000)
    {
        var handle = await Root.ElementHandleAsync(new() { Timeout = timeoutMs }).Limit();
        await Root.Page.WaitForFunctionAsync(
            "([el, n]) => Number(el.dataset.framesDecoded ?? '0') >= n",
            new object[] { handle, frames },
            new PageWaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 100 })
            .Limit(TimeSpan.FromMilliseconds(timeoutMs + 5000));
    }

    public async Task<int> FramesDecodedAsync() =>
        int.Parse(await Root.GetAttributeAsync("data-frames-decoded").Limit() ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Milliseconds from the call's start for this side (the agent's Accept, the viewer's callStarted) to the first remote frame on screen.</summary>
    public async Task<int?> FirstFrameMsAsync()
    {
        var value = await Root.GetAttributeAsync("data-first-frame-ms").Limit();
        return value is null ? null : int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
