using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Media.Live;
using LiveRoom.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRoom.Server.Tests;

/// <summary>The whole pipeline with real ffmpeg: RTMP in, HLS ladder and HTTP-FLV out, drops, resumes and crashes.</summary>
public sealed class LiveVideoTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan MediaTimeout = TimeSpan.FromSeconds(45);

    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task APublisherMakesTheRoomLiveWithAnAdaptiveLadderLowLatencyFlvAndResumesAfterADrop()
    {
        var room = await Server.CreateRoomAsync("live video").WaitAsync(RoomClient.CallTimeout);
        await using var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Watcher");
        using var http = Server.CreateHttpClient();

        await using (var host = FfmpegPublisher.Start(Server.PublishUrl(room.StreamKey), seconds: 8))
        {
            await viewer.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Live), "the room going live", MediaTimeout);
            var master = await LiveFiles.GetWhenReadyAsync(http, $"live/{room.Id}/master.m3u8", body => body.Contains("360p/index.m3u8", StringComparison.Ordinal));
            master.ShouldContain("720p/index.m3u8");
            master.ShouldContain("480p/index.m3u8");
            var playlist = await LiveFiles.GetWhenReadyAsync(http, $"live/{room.Id}/480p/index.m3u8", body => body.Contains("segment_", StringComparison.Ordinal));
            playlist.ShouldContain("#EXT-X-PROGRAM-DATE-TIME");
            var segment = playlist.Split('\n').First(l => l.StartsWith("segment_", StringComparison.Ordinal)).Trim();
            (await ProbeAsync(await http.GetByteArrayAsync($"live/{room.Id}/480p/{segment}"), ".ts")).ShouldContain("h264,854,480");

            var flv = await ReadFlvAsync(http, room.Id, 150_000);
            var streams = await ProbeAsync(flv, ".flv", "stream=codec_name");
            streams.ShouldContain("h264");
            streams.ShouldContain("aac");
            flv.AsSpan(0, 3).ToArray().ShouldBe("FLV"u8.ToArray());

            (await host.WaitAsync(MediaTimeout)).ExitCode.ShouldBe(0);
        }

        await viewer.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Interrupted), "the interruption after the publisher stopped", MediaTimeout);

        await using (var back = FfmpegPublisher.Start(Server.PublishUrl(room.StreamKey), seconds: 5))
        {
            await viewer.Statuses.WaitForAsync(s => s.Count(x => x == RoomStatus.Live) >= 2, "the room live again", MediaTimeout);
            await LiveFiles.GetWhenReadyAsync(http, $"live/{room.Id}/480p/index.m3u8", body => body.Contains("#EXT-X-DISCONTINUITY", StringComparison.Ordinal));
            await back.WaitAsync(MediaTimeout);
        }

        using var admin = Server.CreateHttpClient(await Server.LoginAsync());
        (await admin.PostAsync($"api/rooms/{room.Id}/end", null)).EnsureSuccessStatusCode();
        await viewer.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Ended), "the end", MediaTimeout);
    }

    [Fact]
    public async Task EndingALiveRoomClosesItsPublisher()
    {
        var room = await Server.CreateRoomAsync("end while live").WaitAsync(RoomClient.CallTimeout);
        await using var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Watcher");
        await using var host = FfmpegPublisher.Start(Server.PublishUrl(room.StreamKey), seconds: 60, width: 640, height: 360);
        await viewer.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Live), "the room going live", MediaTimeout);

        using var admin = Server.CreateHttpClient(await Server.LoginAsync());
        (await admin.PostAsync($"api/rooms/{room.Id}/end", null)).EnsureSuccessStatusCode();

        var (exit, _) = await host.WaitAsync(MediaTimeout);
        exit.ShouldNotBe(0, "the server closed the publisher's connection");
        Server.Logs.Lines.ShouldContain(l => l.Contains(room.Id, StringComparison.Ordinal) && l.Contains("has ended", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AKilledTranscoderIsRestartedAndTheRoomCarriesOn()
    {
        var room = await Server.CreateRoomAsync("transcoder crash").WaitAsync(RoomClient.CallTimeout);
        await using var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Watcher");
        using var http = Server.CreateHttpClient();
        await using var host = FfmpegPublisher.Start(Server.PublishUrl(room.StreamKey), seconds: 14, width: 640, height: 360);
        await LiveFiles.GetWhenReadyAsync(http, $"live/{room.Id}/master.m3u8", body => body.Contains("index.m3u8", StringComparison.Ordinal));
        var sessions = Server.Services.GetRequiredService<LiveSessionManager>();
        sessions.TryGet(room.Id, out var session).ShouldBeTrue();
        var pid = session!.TranscoderProcessId!.Value;

        Process.GetProcessById(pid).Kill();

        await LiveFiles.GetWhenReadyAsync(http, $"live/{room.Id}/360p/index.m3u8", body => body.Contains("#EXT-X-DISCONTINUITY", StringComparison.Ordinal));
        session.TranscoderStarts.ShouldBe(2);
        session.TranscoderProcessId.ShouldNotBe(pid);
        viewer.Statuses.Items.ShouldNotContain(RoomStatus.Interrupted, "a transcoder crash is invisible to the room");
        Server.Logs.Lines.ShouldContain(l => l.Contains("transcoder exited", StringComparison.Ordinal));
        await host.WaitAsync(MediaTimeout);
    }

    [Fact]
    public async Task RotatingTheKeyWithDisconnectClosesThePublisherInterruptsTheRoomAndOnlyTheNewKeyGetsIn()
    {
        var room = await Server.CreateRoomAsync("leaked key").WaitAsync(RoomClient.CallTimeout);
        await using var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Watcher");
        using var admin = Server.CreateHttpClient(await Server.LoginAsync());
        await using var leaked = FfmpegPublisher.Start(Server.PublishUrl(room.StreamKey), seconds: 60, width: 320, height: 240);
        await viewer.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Live), "the leaked key's publisher going live", MediaTimeout);

        using var rotated = await admin.PostAsync($"api/rooms/{room.Id}/stream-key?disconnect=true", null).WaitAsync(RoomClient.CallTimeout);

        rotated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var newKey = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("streamKey").GetString()!;
        (await leaked.WaitAsync(MediaTimeout)).ExitCode.ShouldNotBe(0, "ffmpeg loses its connection long before its 60 s are sent");
        await viewer.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Interrupted), "the interruption after the disconnect", MediaTimeout);
        Server.Logs.Lines.ShouldContain(l => l.Contains(room.Id, StringComparison.Ordinal) && l.Contains("publisher disconnected", StringComparison.Ordinal));
        await using (var again = FfmpegPublisher.Start(Server.PublishUrl(room.StreamKey), seconds: 2, width: 320, height: 240))
        {
            (await again.WaitAsync(MediaTimeout)).ExitCode.ShouldNotBe(0, "the old key no longer admits");
        }

        await using var host = FfmpegPublisher.Start(Server.PublishUrl(newKey), seconds: 3, width: 320, height: 240);
        await viewer.Statuses.WaitForAsync(s => s.Count(x => x == RoomStatus.Live) >= 2, "the room live again with the new key", MediaTimeout);
        (await host.WaitAsync(MediaTimeout)).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task APublisherDisconnectedFromAnotherNodeIsClosedByTheNodeHoldingItsConnection()
    {
        var room = await Server.CreateRoomAsync("disconnected elsewhere").WaitAsync(RoomClient.CallTimeout);
        await using var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Watcher");
        await using var leaked = FfmpegPublisher.Start(Server.PublishUrl(room.StreamKey), seconds: 60, width: 320, height: 240);
        await viewer.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Live), "the leaked key's publisher going live", MediaTimeout);

        // What another node's endpoint does: only the grain is told; this node finds out on its own.
        var grains = Server.Services.GetRequiredService<IGrainFactory>();
        (await grains.Room(room.Id).RotateStreamKeyAndDisconnectAsync().WaitAsync(RoomClient.CallTimeout)).IsSuccess.ShouldBeTrue();

        (await leaked.WaitAsync(MediaTimeout)).ExitCode.ShouldNotBe(0, "ffmpeg loses its connection long before its 60 s are sent");
        await viewer.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Interrupted), "the interruption after the disconnect", MediaTimeout);
        Server.Logs.Lines.ShouldContain(l => l.Contains(room.Id, StringComparison.Ordinal) && l.Contains("its publisher was disconnected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongKeysEndedRoomsAndSecondPublishersAreRefusedWithAReason()
    {
        var room = await Server.CreateRoomAsync("refusals").WaitAsync(RoomClient.CallTimeout);
        var ended = await Server.CreateRoomAsync("already over").WaitAsync(RoomClient.CallTimeout);
        using var admin = Server.CreateHttpClient(await Server.LoginAsync());
        (await admin.PostAsync($"api/rooms/{ended.Id}/end", null)).EnsureSuccessStatusCode();
        await using var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Watcher");

        await using (var wrong = FfmpegPublisher.Start(Server.PublishUrl(RoomIds.NewStreamKey(room.Id)), seconds: 2, width: 320, height: 240))
        {
            (await wrong.WaitAsync(MediaTimeout)).ExitCode.ShouldNotBe(0);
        }

        await using (var late = FfmpegPublisher.Start(Server.PublishUrl(ended.StreamKey), seconds: 2, width: 320, height: 240))
        {
            (await late.WaitAsync(MediaTimeout)).ExitCode.ShouldNotBe(0);
        }

        await using var first = FfmpegPublisher.Start(Server.PublishUrl(room.StreamKey), seconds: 10, width: 320, height: 240);
        await viewer.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Live), "the first publisher going live", MediaTimeout);
        await using (var second = FfmpegPublisher.Start(Server.PublishUrl(room.StreamKey), seconds: 2, width: 320, height: 240))
        {
            (await second.WaitAsync(MediaTimeout)).ExitCode.ShouldNotBe(0);
        }

        Server.Logs.Lines.ShouldContain(l => l.Contains(room.Id, StringComparison.Ordinal) && l.Contains("Wrong stream key", StringComparison.Ordinal));
        Server.Logs.Lines.ShouldContain(l => l.Contains(ended.Id, StringComparison.Ordinal) && l.Contains("has ended", StringComparison.Ordinal));
        Server.Logs.Lines.ShouldContain(l => l.Contains(room.Id, StringComparison.Ordinal) && l.Contains("already publishing", StringComparison.Ordinal));
        viewer.Statuses.Items.ShouldNotContain(RoomStatus.Interrupted, "the refused publishers did not disturb the live one");
        using var anonymous = Server.CreateHttpClient();
        (await anonymous.GetAsync($"live/{room.Id}/../../etc/passwd")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync($"live/{ended.Id}/master.m3u8")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await first.WaitAsync(MediaTimeout);
    }

    private static async Task<byte[]> ReadFlvAsync(HttpClient http, string roomId, int bytes)
    {
        using var cts = new CancellationTokenSource(MediaTimeout);
        using var response = await http.GetAsync($"live/{roomId}.flv", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("video/x-flv");
        await using var stream = await response.Content.ReadAsStreamAsync(cts.Token);
        var buffer = new byte[bytes];
        await stream.ReadAtLeastAsync(buffer, bytes, throwOnEndOfStream: false, cts.Token);
        return buffer;
    }

    private static async Task<string> ProbeAsync(byte[] media, string extension, string entries = "stream=codec_name,width,height")
    {
        var file = Path.Combine(Path.GetTempPath(), $"liveroom-probe-{Guid.NewGuid():N}{extension}");
        await File.WriteAllBytesAsync(file, media);
        try
        {
            var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-v", "error", "-show_entries", entries, "-of", "csv=p=0", file }) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(RoomClient.CallTimeout);
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
