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

    /// <summary>One tile per other participant: <c>data-participant-id</c>, <c>data-frames-decoded</c>, <c>data-video-size</c>, <c>data-remote-screen</c>.</summary>
    public ILocator Remotes => Root.Locator(".call-remote");

    public ILocator Remote(string participantId) => Root.Locator($".call-remote[data-participant-id='{participantId}']");

    public ILocator ShareScreenButton => Root.Locator(".call-screen");

    /// <summary>"Snapshot" (agents): keeps a still of the viewer's camera.</summary>
    public ILocator SnapshotButton => Root.GetByRole(AriaRole.Button, new() { Name = "Snapshot" });

    /// <summary>The messages and files of the call.</summary>
    public CallItemsPart Items => new(Root.Locator(".call-items"));

    /// <summary>The ids of the other participants shown, in order.</summary>
    public async Task<string[]> RemoteIdsAsync() =>
        (await Remotes.EvaluateAllAsync<string[]>("tiles => tiles.map(t => t.dataset.participantId)").Limit()) ?? [];

    /// <summary>Waits until every other participant's video shown here has decoded at least <paramref name="frames"/> more frames than <paramref name="since"/> says it had.</summary>
    public async Task WaitForEveryRemoteFramesAsync(int frames, IReadOnlyDictionary<string, int>? since = null, float timeoutMs = 20_000)
    {
        var handle = await Root.ElementHandleAsync(new() { Timeout = timeoutMs }).Limit();
        var baseline = since ?? new Dictionary<string, int>();
        await Root.Page.WaitForFunctionAsync(
            "([el, n, base]) => { const tiles = [...el.querySelectorAll('.call-remote')]; return tiles.length > 0 && tiles.every(t => Number(t.dataset.framesDecoded ?? '0') >= (base[t.dataset.participantId] ?? 0) + n); }",
            new object[] { handle, frames, baseline },
            new PageWaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 100 })
            .Limit(TimeSpan.FromMilliseconds(timeoutMs + 5000));
    }

    /// <summary>Decoded frames per other participant, as the tiles say now.</summary>
    public async Task<Dictionary<string, int>> FramesByRemoteAsync()
    {
        var pairs = await Remotes.EvaluateAllAsync<string[][]>("tiles => tiles.map(t => [t.dataset.participantId, t.dataset.framesDecoded ?? '0'])").Limit();
        return pairs.ToDictionary(pair => pair[0], pair => int.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture));
    }

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
