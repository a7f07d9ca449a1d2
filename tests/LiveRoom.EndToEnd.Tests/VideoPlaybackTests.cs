using System.Net.Http.Json;
using System.Text.Json;
using LiveRoom.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests;

/// <summary>
/// Live video and replay in a real Chromium, fed by a real ffmpeg publishing a small test pattern over
/// RTMP. Debian's Chromium decodes H.264 (checked with <c>MediaSource.isTypeSupported</c> before these
/// tests were written), so the picture really plays here.
/// </summary>
public sealed class VideoPlaybackTests(BrowserFixture fixture)
{
    /// <summary>Long enough for HLS to start, the low-latency switch, and a chat message; short for the CPU.</summary>
    private const int PublishSeconds = 20;

    /// <summary>The host's second go after a dropped connection.</summary>
    private const int ReturnSeconds = 6;

    private const string LiveChat = "Hello from the live!";
    private const string LiveQuestion = "Will the replay keep this question?";

    [Fact]
    public async Task A_live_plays_as_HLS_then_as_low_latency_FLV_survives_a_dropped_host_and_after_the_end_its_replay_plays_with_the_live_chat_in_time()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = fixture.Server;
        var title = BrowserFixture.UniqueTitle("Video");
        var room = await server.CreateRoomAsync(title, ct).Limit();
        await using var context = await fixture.NewContextAsync(phone: true);
        var viewer = await ViewerPage.OpenAsync(context, $"r/{room.Id}");
        await viewer.JoinAsync("Pat");
        await Expect(viewer.VideoMessage).ToHaveTextAsync("The live has not started yet");

        await using var publisher = FfmpegPublisher.Start(server.PublishUrl(room.StreamKey), PublishSeconds, width: 320, height: 240, fps: 15);

        // (a) The roomStatus event turns the page live; HLS (hls.js) plays, muted, with a button for sound.
        await Expect(viewer.Page.Locator(".status-badge")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        await Expect(viewer.VideoArea).ToHaveAttributeAsync("data-engine", "hls");
        await viewer.WaitForPlaybackAsync(1, timeoutMs: 30_000);
        var unmute = viewer.Page.GetByRole(AriaRole.Button, new() { Name = "Tap to unmute" });
        await Expect(unmute).ToBeVisibleAsync();
        (await viewer.Video.EvaluateAsync<bool>("v => v.muted").Limit()).ShouldBeTrue();
        await viewer.ScreenshotAsync("video-live-hls-phone");
        await unmute.ClickAsync();
        await Expect(unmute).ToBeHiddenAsync();
        (await viewer.Video.EvaluateAsync<bool>("v => v.muted").Limit()).ShouldBeFalse();

        // Said during the live: the replay must show it again when its playhead gets there.
        await viewer.SendChatAsync(LiveChat);
        await viewer.OpenQuestionsAsync();
        await viewer.AskAsync(LiveQuestion);
        await viewer.OpenChatAsync();

        // (b) "Low latency" switches to HTTP-FLV (mpegts.js), and its clock advances.
        var lowLatency = viewer.Page.GetByRole(AriaRole.Button, new() { Name = "Low latency" });
        await Expect(lowLatency).ToHaveAttributeAsync("aria-pressed", "false");
        await lowLatency.ClickAsync();
        await Expect(lowLatency).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(viewer.VideoArea).ToHaveAttributeAsync("data-engine", "flv");
        await viewer.WaitForPlaybackAsync(0, timeoutMs: 20_000, advancedBy: 1);
        // The sound the viewer turned on stays on across the switch.
        await Expect(unmute).ToBeHiddenAsync();
        (await viewer.Video.EvaluateAsync<bool>("v => v.muted").Limit()).ShouldBeFalse();
        await viewer.ScreenshotAsync("video-live-flv-phone");

        // The stream ends: the host "dropped", so the page says so over the last frame.
        var (exitCode, errors) = await publisher.WaitAsync(TimeSpan.FromSeconds(PublishSeconds + 40));
        exitCode.ShouldBe(0, errors);
        await Expect(viewer.Page.Locator(".status-badge")).ToHaveTextAsync("Interrupted", new() { Timeout = 20_000 });
        await Expect(viewer.VideoMessage).ToHaveTextAsync("The host’s connection dropped — waiting for them to come back");
        await Expect(viewer.Page.Locator("section.video .video-overlay")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bdim\b"));
        await viewer.ScreenshotAsync("video-interrupted-phone");

        // The host comes back within the grace period: the page reloads the source and plays again.
        await using (var back = FfmpegPublisher.Start(server.PublishUrl(room.StreamKey), ReturnSeconds, width: 320, height: 240, fps: 15))
        {
            await Expect(viewer.Page.Locator(".status-badge")).ToHaveTextAsync("Live", new() { Timeout = 20_000 });
            await Expect(viewer.VideoArea).ToHaveAttributeAsync("data-engine", "flv");
            await viewer.WaitForPlaybackAsync(0, timeoutMs: 20_000, advancedBy: 1);
            await Expect(viewer.Page.Locator("section.video .video-overlay")).ToBeHiddenAsync();
            var (backExit, backErrors) = await back.WaitAsync(TimeSpan.FromSeconds(ReturnSeconds + 30));
            backExit.ShouldBe(0, backErrors);
        }

        await Expect(viewer.Page.Locator(".status-badge")).ToHaveTextAsync("Interrupted", new() { Timeout = 20_000 });

        // (c) Staff end the room; once the recording is made, the page plays it.
        var token = await server.LoginAsync(ct).Limit();
        using (var http = server.CreateHttpClient(token))
        using (var ended = await http.PostAsync($"api/rooms/{room.Id}/end", content: null, ct).Limit())
        {
            ended.EnsureSuccessStatusCode();
        }

        await Expect(viewer.Page.Locator(".status-badge")).ToHaveTextAsync("Ended");
        var details = await WaitForRecordingAsync(room.Id, TimeSpan.FromSeconds(120), ct);
        var recording = details.GetProperty("recording");
        var recordingUrl = recording.GetProperty("url").GetString()!;
        await Expect(viewer.VideoArea).ToHaveAttributeAsync("data-mode", "replay", new() { Timeout = 20_000 });
        await Expect(viewer.Video).ToHaveAttributeAsync("src", recordingUrl);
        await Expect(viewer.Video).ToHaveAttributeAsync("poster", recording.GetProperty("posterUrl").GetString()!);
        await Expect(viewer.Video).ToHaveAttributeAsync("controls", string.Empty);
        await Expect(viewer.ChatInput).ToBeDisabledAsync();
        await Expect(viewer.Page.Locator(".chat-composer .composer-notice")).ToHaveTextAsync("This live has ended");

        // Where the message sits in the recording: sentAt − liveSince.
        var offset = await ChatOffsetAsync(room.Id, details, LiveChat, ct);
        offset.ShouldBeGreaterThan(1);
        await Expect(viewer.Page.GetByText("Chat from the live appears here as the replay plays")).ToBeVisibleAsync();
        await Expect(viewer.ReplayMessages).ToHaveCountAsync(0);
        await viewer.ScreenshotAsync("video-replay-poster-phone");

        await viewer.Video.EvaluateAsync("v => v.play()").Limit();
        await viewer.WaitForPlaybackAsync(1, timeoutMs: 30_000);
        var replayed = viewer.Page.Locator(".replay-chat .chat-message", new() { HasText = LiveChat });
        await Expect(replayed).ToBeVisibleAsync(new() { Timeout = (float)((offset + 30) * 1000) });
        (await viewer.VideoTimeAsync()).ShouldBeGreaterThanOrEqualTo(offset - 0.5, "the message showed before the playhead reached it");
        await Expect(replayed.Locator(".chat-sender")).ToHaveTextAsync("Pat");
        await viewer.ScreenshotAsync("video-replay-phone");

        // Seeking back before the message takes it away again; the questions stay, read-only.
        await viewer.Video.EvaluateAsync("v => { v.pause(); v.currentTime = 0; }").Limit();
        await Expect(viewer.ReplayMessages).ToHaveCountAsync(0);
        await viewer.OpenQuestionsAsync();
        await Expect(viewer.Question(LiveQuestion)).ToBeVisibleAsync();
        await Expect(viewer.Question(LiveQuestion).Locator("button.upvote")).ToBeHiddenAsync();
        await Expect(viewer.AskInput).ToBeDisabledAsync();

        // The console lists the room's replay as ready, with a link to the viewer page.
        await using var staffContext = await fixture.NewContextAsync();
        var console = await ConsolePage.SignInAsync(staffContext, fixture.Server);
        var staff = console.Page;
        await console.ExpectReplayAsync(title, "ready", "Replay ready");
        var card = console.RoomCard(title);
        var watch = card.GetByRole(AriaRole.Link, new() { Name = "Watch replay" });
        await Expect(watch).ToHaveAttributeAsync("href", new Uri(server.BaseAddress, $"r/{room.Id}").ToString());

        await staff.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "console-replay-ready.png") });

        console.Watch.ShouldBeClean();
        viewer.Watch.ShouldBeClean();
    }

    private async Task<JsonElement> WaitForRecordingAsync(string roomId, TimeSpan timeout, CancellationToken ct)
    {
        using var http = fixture.Server.CreateHttpClient();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var room = await http.GetFromJsonAsync<JsonElement>($"api/rooms/{roomId}", ct).Limit();
            if (room.TryGetProperty("recording", out var recording) && recording.ValueKind == JsonValueKind.Object) return room;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No recording of room {roomId} after {timeout}: {room}");
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }

    private async Task<double> ChatOffsetAsync(string roomId, JsonElement room, string text, CancellationToken ct)
    {
        using var http = fixture.Server.CreateHttpClient();
        var chat = await http.GetFromJsonAsync<JsonElement>($"api/rooms/{roomId}/chat?after=0&limit=500", ct).Limit();
        var message = chat.EnumerateArray().Single(m => m.GetProperty("text").GetString() == text);
        var liveSince = room.GetProperty("liveSince").GetDateTimeOffset();
        return (message.GetProperty("sentAt").GetDateTimeOffset() - liveSince).TotalSeconds;
    }
}
