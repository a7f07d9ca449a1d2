using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>
/// A recorded call from end to end (docs/CALLS.md, "Recording upload and playback"): the agent's page
/// composes and uploads the call while everyone agreed to it, the server makes one MP4 of it after the
/// call, and the console's call history plays it.
/// </summary>
public sealed class CallRecordingPlaybackTests(BrowserFixture fixture)
{
    /// <summary>How long the test lets the call be recorded.</summary>
    private static readonly TimeSpan RecordFor = TimeSpan.FromSeconds(6);

    /// <summary>How far the MP4's length may be from the time the page recorded.</summary>
    private const double ToleranceSeconds = 1.5;

    /// <summary>How long the job may take to make the MP4 (it starts about a second after the call ends).</summary>
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_call_recorded_with_consent_becomes_an_mp4_as_long_as_the_recording_ran_and_plays_in_the_call_history()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scene = await LiveCallRoom.StartAsync(fixture, "Recorded to file");
        var agent = scene.Agent;
        var viewer = await scene.JoinViewerAsync("Lea");
        await viewer.RequestAsync();
        await agent.Entry(scene.Room.Id, "Lea").GetByRole(AriaRole.Button, new() { Name = "Accept the call of Lea" }).ClickAsync();
        await viewer.Call.ExpectStateAsync("connected", 20_000);
        await agent.Call.WaitForFramesAsync(10);
        await viewer.Call.WaitForFramesAsync(10);
        var callId = await agent.Call.Root.GetAttributeAsync("data-call-id").Limit();
        callId.ShouldNotBeNull();
        var agentBar = agent.Page.Locator(".calls-active .call-recording");
        var viewerBar = viewer.Page.Locator(".call-slot .call-recording");
        var chunks = new ChunkWatch(agent.Page, callId);

        // The agent asks, the viewer agrees: both show the indicator. The recording runs on the agent's page
        // from the moment its indicator shows (the recorder starts in the same step) until the hang-up.
        await agent.Call.Root.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }).ClickAsync();
        var dialog = viewer.Page.GetByRole(AriaRole.Dialog, new() { Name = "Record this call?" });
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "I agree" }).ClickAsync();
        await agent.Page.WaitForFunctionAsync(
            "bar => bar.dataset.recordingState === 'recording'",
            await agentBar.ElementHandleAsync().Limit(),
            new() { Timeout = BrowserFixture.UiTimeoutMs, PollingInterval = 20 }).Limit();
        var ran = Stopwatch.StartNew();
        await Expect(viewerBar).ToHaveAttributeAsync("data-recording-state", "recording");
        await Expect(agentBar).ToContainTextAsync("Recording");
        await Task.Delay(RecordFor - ran.Elapsed, ct);
        await agent.Call.HangUpButton.ClickAsync();
        var recordedSeconds = ran.Elapsed.TotalSeconds;
        await Expect(viewer.Panel).ToHaveAttributeAsync("data-call-phase", "ended");
        await Expect(agent.Root).ToHaveAttributeAsync("data-active-calls", "0");

        // The job makes the MP4: asked for through the calls API with the agent's own token.
        using var http = fixture.Server.CreateHttpClient(await fixture.Server.LoginAsync(scene.AgentStaff.Email, scene.AgentStaff.Password, ct).Limit());
        var recording = await WaitForRecordingAsync(http, callId, chunks, ct);
        recording.GetProperty("status").GetString().ShouldBe("ready", Diagnosis(callId, chunks));
        recording.GetProperty("missingChunks").GetArrayLength().ShouldBe(0, Diagnosis(callId, chunks));
        var url = recording.GetProperty("url").GetString();
        url.ShouldBe($"/api/calls/{callId}/recording");
        var mp4 = await http.GetByteArrayAsync(url!.TrimStart('/'), ct).Limit();
        var (probed, streams) = await ProbeAsync(mp4, ct);
        streams.ShouldContain("video", Diagnosis(callId, chunks));
        Math.Abs(probed - recordedSeconds).ShouldBeLessThanOrEqualTo(
            ToleranceSeconds, $"the MP4 lasts {probed:0.00} s, the page recorded {recordedSeconds:0.00} s. {Diagnosis(callId, chunks)}");
        recording.GetProperty("durationSeconds").GetDouble().ShouldBe(probed, 0.5);
        TestContext.Current.TestOutputHelper?.WriteLine($"recorded {recordedSeconds:0.00} s on the page, MP4 {probed:0.00} s, streams {string.Join(",", streams)}; chunks: {chunks}");

        // The console's call history says so and plays it: the same length, and the time moves on.
        var history = await CallHistoryPage.OpenAsync(agent.Page);
        await history.OpenDetailsAsync(callId);
        var section = history.Recording(callId);
        await Expect(section).ToHaveAttributeAsync("data-recording", "ready");
        await Expect(section.Locator(".history-recording-length")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Length 0:0[4-9]$"));
        await section.GetByRole(AriaRole.Button, new() { Name = "Play recording" }).ClickAsync();
        var video = section.Locator("video.history-video");
        await Expect(video).ToBeVisibleAsync();
        var element = await video.ElementHandleAsync().Limit();
        await agent.Page.WaitForFunctionAsync("v => Number.isFinite(v.duration) && v.duration > 0", element, new() { Timeout = 20_000 }).Limit();
        var shown = await video.EvaluateAsync<double>("v => v.duration").Limit();
        shown.ShouldBe(probed, 0.5);
        TestContext.Current.TestOutputHelper?.WriteLine($"the history's video lasts {shown:0.00} s");
        await agent.Page.WaitForFunctionAsync("v => v.currentTime > 1 && !v.paused", element, new() { Timeout = 20_000 }).Limit();
        await agent.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "calls-recording-history-en.jpg"), Type = ScreenshotType.Jpeg, Quality = 70, FullPage = true }).Limit();
        viewer.Viewer.Watch.ShouldBeClean();
        agent.Console.Watch.ShouldBeClean();
    }

    /// <summary>Asks the call until its recording is no longer being prepared (bounded).</summary>
    private async Task<JsonElement> WaitForRecordingAsync(HttpClient http, string callId, ChunkWatch chunks, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var call = JsonDocument.Parse(await http.GetStringAsync($"api/calls/{callId}", ct).Limit());
            if (call.RootElement.TryGetProperty("recording", out var recording) && recording.ValueKind == JsonValueKind.Object &&
                recording.GetProperty("status").GetString() != "processing")
            {
                return recording.Clone();
            }

            if (waited.Elapsed > ReadyWithin)
            {
                throw new TimeoutException($"Call {callId} had no finished recording within {ReadyWithin.TotalSeconds} s. {Diagnosis(callId, chunks)}");
            }

            await Task.Delay(500, ct);
        }
    }

    /// <summary>What the page sent and what the server said about this call, for a failure's message.</summary>
    private string Diagnosis(string callId, ChunkWatch chunks)
    {
        var lines = fixture.Server.Logs.Lines
            .Where(line => line.Contains(callId, StringComparison.Ordinal) || line.Contains("Recording", StringComparison.Ordinal))
            .TakeLast(40);
        return $"Chunk uploads: {chunks}.{Environment.NewLine}Server log:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }

    private static async Task<(double DurationSeconds, string[] Streams)> ProbeAsync(byte[] media, CancellationToken ct)
    {
        var file = Path.Combine(Path.GetTempPath(), $"liveroom-e2e-call-{Guid.NewGuid():N}.mp4");
        await File.WriteAllBytesAsync(file, media, ct).Limit();
        try
        {
            var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-v", "error", "-show_entries", "format=duration:stream=codec_type", "-of", "default=noprint_wrappers=1", file })
            {
                start.ArgumentList.Add(argument);
            }

            using var ffprobe = Process.Start(start)!;
            var error = ffprobe.StandardError.ReadToEndAsync(ct);
            var lines = (await ffprobe.StandardOutput.ReadToEndAsync(ct).Limit()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            await ffprobe.WaitForExitAsync(ct).Limit();
            ffprobe.ExitCode.ShouldBe(0, await error.Limit());
            var duration = double.Parse(lines.Single(line => line.StartsWith("duration=", StringComparison.Ordinal))["duration=".Length..], CultureInfo.InvariantCulture);
            return (duration, [.. lines.Where(line => line.StartsWith("codec_type=", StringComparison.Ordinal)).Select(line => line["codec_type=".Length..])]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The chunk PUTs the agent's page made for the call, with the server's answers.</summary>
    private sealed class ChunkWatch
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _answers = new();

        public ChunkWatch(IPage page, string callId)
        {
            page.Response += (_, response) =>
            {
                if (response.Request.Method != "PUT" || !response.Url.Contains($"/api/calls/{callId}/recording/", StringComparison.Ordinal)) return;
                _answers.Enqueue($"{response.Url[(response.Url.IndexOf("/takes/", StringComparison.Ordinal) + 1)..]} → {response.Status}");
            };
        }

        public override string ToString() => _answers.IsEmpty ? "none" : string.Join("; ", _answers);
    }
}
