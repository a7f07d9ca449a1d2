using LiveRoom.Testing;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests;

/// <summary>
/// A viewer page open while the server process is killed (SIGKILL, no shutdown code) and started again on the
/// same data directory and ports: the page reconnects by itself and follows the room through the crash.
/// </summary>
public sealed class CrashRecoveryTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_viewer_page_shows_the_interruption_after_the_server_was_killed_and_plays_again_when_the_host_returns()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = Path.Combine(Path.GetTempPath(), "liveroom-tests", "e2e-crash-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var first = await LiveRoomServerProcess.StartAsync(data, new Dictionary<string, string?> { ["LiveRoom:Live:GracePeriodSeconds"] = "120" });
            var room = await first.CreateRoomAsync(BrowserFixture.UniqueTitle("Crash"), ct).Limit();
            await using var context = await fixture.NewContextAsync(phone: true);
            var viewer = await ViewerPage.OpenAsync(context, new Uri(first.BaseAddress, $"r/{room.Id}").ToString());
            await viewer.JoinAsync("Pat");
            var publisher = FfmpegPublisher.Start(first.PublishUrl(room.StreamKey), 60, width: 320, height: 240, fps: 15);
            await using (publisher)
            {
                await Expect(viewer.Page.Locator(".status-badge")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
                await viewer.WaitForPlaybackAsync(1, timeoutMs: 30_000);

                await first.KillAsync();
                await using var second = await first.StartAgainAsync();

                // The page reconnects to the new process, whose room says the host is gone, not that it is live.
                await Expect(viewer.Connection).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
                await Expect(viewer.Page.Locator(".status-badge")).ToHaveTextAsync("Interrupted", new() { Timeout = 20_000 });
                await Expect(viewer.VideoMessage).ToHaveTextAsync("The host’s connection dropped — waiting for them to come back");
                await viewer.ScreenshotAsync("video-interrupted-after-crash-phone");

                // The host's encoder reconnects (a new ffmpeg, the same key): the page plays again.
                await using var back = FfmpegPublisher.Start(second.PublishUrl(room.StreamKey), 30, width: 320, height: 240, fps: 15);
                await Expect(viewer.Page.Locator(".status-badge")).ToHaveTextAsync("Live", new() { Timeout = 20_000 });
                await viewer.WaitForPlaybackAsync(0, timeoutMs: 30_000, advancedBy: 1);
                await Expect(viewer.Page.Locator("section.video .video-overlay")).ToBeHiddenAsync();
                await viewer.ScreenshotAsync("video-live-after-crash-phone");
            }
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
