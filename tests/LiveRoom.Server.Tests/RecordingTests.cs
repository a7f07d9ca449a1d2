using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRoom.Contracts.Recordings;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Testing;

namespace LiveRoom.Server.Tests;

public sealed class RecordingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan MediaTimeout = TimeSpan.FromSeconds(60);

    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task AnEndedRoomOffersItsRecordingWithAPosterForReplay()
    {
        var room = await Server.CreateRoomAsync("recorded").WaitAsync(RoomClient.CallTimeout);
        await using var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Watcher");
        await using (var host = FfmpegPublisher.Start(Server.PublishUrl(room.StreamKey), seconds: 4, width: 640, height: 360))
        {
            await viewer.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Live), "the room going live", MediaTimeout);
            (await host.WaitAsync(MediaTimeout)).ExitCode.ShouldBe(0);
        }

        using var admin = Server.CreateHttpClient(await Server.LoginAsync());
        (await admin.PostAsync($"api/rooms/{room.Id}/end", null)).EnsureSuccessStatusCode();
        var recording = await WaitForRecordingAsync(Server, room.Id);

        recording.GetProperty("durationSeconds").GetDouble().ShouldBe(4, 1);
        var segment = Segments(recording).ShouldHaveSingleItem("one publishing session");
        segment.OffsetSeconds.ShouldBe(0);
        segment.DurationSeconds.ShouldBe(4, 1);
        using var anonymous = Server.CreateHttpClient();
        var url = recording.GetProperty("url").GetString()!;
        url.ShouldStartWith($"/media/recordings/{room.Id}/");
        using var range = new HttpRequestMessage(HttpMethod.Get, url.TrimStart('/'));
        range.Headers.Range = new RangeHeaderValue(0, 99);
        using var partial = await anonymous.SendAsync(range).WaitAsync(RoomClient.CallTimeout);
        partial.StatusCode.ShouldBe(HttpStatusCode.PartialContent, "players seek with range requests");
        (await partial.Content.ReadAsByteArrayAsync()).Length.ShouldBe(100);
        var mp4 = await anonymous.GetByteArrayAsync(url.TrimStart('/'));
        (await ProbeDurationAsync(mp4)).ShouldBe(4, 1);
        using var poster = await anonymous.GetAsync(recording.GetProperty("posterUrl").GetString()!.TrimStart('/'));
        poster.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        (await anonymous.GetAsync($"media/recordings/{room.Id}/nope.mp4")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("media/../liveroom.db")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnEndedRoomsLiveFilesAreNotServedAndAreDeletedOnceItsRecordingIsStored()
    {
        var room = await Server.CreateRoomAsync("live files after the end").WaitAsync(RoomClient.CallTimeout);
        await using var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Watcher");
        using var anonymous = Server.CreateHttpClient();
        string segment;
        await using (var host = FfmpegPublisher.Start(Server.PublishUrl(room.StreamKey), seconds: 4, width: 320, height: 240))
        {
            await viewer.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Live), "the room going live", MediaTimeout);
            var playlist = await LiveFiles.GetWhenReadyAsync(anonymous, $"live/{room.Id}/240p/index.m3u8", body => body.Contains("segment_", StringComparison.Ordinal));
            segment = $"live/{room.Id}/240p/" + playlist.Split('\n').First(l => l.StartsWith("segment_", StringComparison.Ordinal)).Trim();
            (await host.WaitAsync(MediaTimeout)).ExitCode.ShouldBe(0);
        }

        await viewer.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Interrupted), "the interruption", MediaTimeout);
        (await anonymous.GetAsync($"live/{room.Id}/master.m3u8")).StatusCode.ShouldBe(HttpStatusCode.OK, "an interrupted room keeps its last playlist");
        using var admin = Server.CreateHttpClient(await Server.LoginAsync().WaitAsync(RoomClient.CallTimeout));
        (await admin.PostAsync($"api/rooms/{room.Id}/end", null).WaitAsync(RoomClient.CallTimeout)).EnsureSuccessStatusCode();

        await LiveFiles.WaitForNotFoundAsync(anonymous, $"live/{room.Id}/master.m3u8", TimeSpan.FromSeconds(5));
        (await anonymous.GetAsync($"live/{room.Id}/240p/index.m3u8")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync(segment)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await WaitForRecordingAsync(Server, room.Id);
        var live = Path.Combine(Server.DataDirectory, "live", room.Id);
        var archive = Path.Combine(Server.DataDirectory, "archive", room.Id);
        var deadline = Stopwatch.StartNew();
        while ((Directory.Exists(live) || Directory.Exists(archive)) && deadline.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(100);
        Directory.Exists(live).ShouldBeFalse("the live files go once the recording is made");
        Directory.Exists(archive).ShouldBeFalse("the source archive goes once the recording is stored");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.04)]
    public async Task ASessionOfLessThanASecondGetsARecordingAtTheFirstAttempt(double seconds)
    {
        var room = await Server.CreateRoomAsync("less than a second").WaitAsync(RoomClient.CallTimeout);
        await using var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Watcher");
        await using (var host = FfmpegPublisher.Start(Server.PublishUrl(room.StreamKey), seconds))
        {
            (await host.WaitAsync(MediaTimeout)).ExitCode.ShouldBe(0);
        }

        await viewer.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Interrupted), "the interruption after half a second live", MediaTimeout);
        using var admin = Server.CreateHttpClient(await Server.LoginAsync().WaitAsync(RoomClient.CallTimeout));
        (await admin.PostAsync($"api/rooms/{room.Id}/end", null).WaitAsync(RoomClient.CallTimeout)).EnsureSuccessStatusCode();

        var recording = await WaitForRecordingAsync(Server, room.Id);

        recording.GetProperty("durationSeconds").GetDouble().ShouldBeInRange(0.01, 1.5);
        var outbox = (LiveRoom.Contracts.Jobs.IJobOutbox)Server.Services.GetService(typeof(LiveRoom.Contracts.Jobs.IJobOutbox))!;
        var job = await outbox.AddAsync("recording", room.Id);
        job.Attempts.ShouldBe(1, "made at the first attempt");
        job.LastError.ShouldBeNull();
        using var anonymous = Server.CreateHttpClient();
        var mp4 = await anonymous.GetByteArrayAsync(recording.GetProperty("url").GetString()!.TrimStart('/')).WaitAsync(RoomClient.CallTimeout);
        (await ProbeDurationAsync(mp4).WaitAsync(MediaTimeout)).ShouldBeInRange(0.01, 1.5);
    }

    [Fact]
    public async Task ARecordingAfterTheHostDroppedAndCameBackHasASegmentPerSessionWithTheGapOnTheClockOnly()
    {
        // How long the host stays away: well beyond the few hundred milliseconds a publisher takes to start.
        var away = TimeSpan.FromSeconds(3);
        var room = await Server.CreateRoomAsync("dropped host").WaitAsync(RoomClient.CallTimeout);
        await using var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Watcher");
        await using (var host = FfmpegPublisher.Start(Server.PublishUrl(room.StreamKey), seconds: 3, width: 320, height: 240))
        {
            await viewer.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Live), "the room going live", MediaTimeout);
            (await host.WaitAsync(MediaTimeout)).ExitCode.ShouldBe(0);
        }

        await viewer.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Interrupted), "the interruption after the host dropped", MediaTimeout);
        await Task.Delay(away).WaitAsync(MediaTimeout);
        await using (var back = FfmpegPublisher.Start(Server.PublishUrl(room.StreamKey), seconds: 5, width: 320, height: 240))
        {
            await viewer.Statuses.WaitForAsync(s => s.Count(x => x == RoomStatus.Live) >= 2, "the room live again within the grace period", MediaTimeout);
            (await back.WaitAsync(MediaTimeout)).ExitCode.ShouldBe(0);
        }

        using var admin = Server.CreateHttpClient(await Server.LoginAsync().WaitAsync(RoomClient.CallTimeout));
        (await admin.PostAsync($"api/rooms/{room.Id}/end", null).WaitAsync(RoomClient.CallTimeout)).EnsureSuccessStatusCode();
        var recording = await WaitForRecordingAsync(Server, room.Id);

        var segments = Segments(recording);
        segments.Count.ShouldBe(2, "one segment per publishing session");
        var (first, second) = (segments[0], segments[1]);
        first.OffsetSeconds.ShouldBe(0);
        first.DurationSeconds.ShouldBe(3, 0.5);
        second.DurationSeconds.ShouldBe(5, 0.5);
        second.OffsetSeconds.ShouldBe(first.DurationSeconds, 0.002, "in the video the second session follows the first at once");
        var gap = (second.StartedAt - first.StartedAt).TotalSeconds - first.DurationSeconds;
        gap.ShouldBeGreaterThan(away.TotalSeconds - 0.5, "on the clock the second session starts after the host's time away");
        gap.ShouldBeLessThan(away.TotalSeconds + 10);
        recording.GetProperty("durationSeconds").GetDouble().ShouldBe(second.OffsetSeconds + second.DurationSeconds, 0.5);
        using var anonymous = Server.CreateHttpClient();
        var mp4 = await anonymous.GetByteArrayAsync(recording.GetProperty("url").GetString()!.TrimStart('/')).WaitAsync(RoomClient.CallTimeout);
        (await ProbeDurationAsync(mp4).WaitAsync(MediaTimeout)).ShouldBe(8, 1, "the video has no gap");
    }

    [Fact]
    public async Task InClusterModeTheRecordingIsStoredInAzureBlobStorage()
    {
        await using var azurite = await AzuriteEmulator.StartAsync();
        await using var server = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["LiveRoom:MediaStore:Provider"] = "AzureBlob",
            ["LiveRoom:MediaStore:ConnectionString"] = azurite.ConnectionString,
            ["LiveRoom:MediaStore:Container"] = "recordings-test",
        }).WaitAsync(MediaTimeout);
        var room = await server.CreateRoomAsync("recorded to blobs").WaitAsync(RoomClient.CallTimeout);
        await using var viewer = await RoomClient.JoinAsViewerAsync(server, room.Id, "Watcher");
        await using (var host = FfmpegPublisher.Start(server.PublishUrl(room.StreamKey), seconds: 3, width: 320, height: 240))
        {
            await viewer.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Live), "the room going live", MediaTimeout);
            (await host.WaitAsync(MediaTimeout)).ExitCode.ShouldBe(0);
        }

        using var admin = server.CreateHttpClient(await server.LoginAsync());
        (await admin.PostAsync($"api/rooms/{room.Id}/end", null)).EnsureSuccessStatusCode();
        var recording = await WaitForRecordingAsync(server, room.Id);

        var container = new Azure.Storage.Blobs.BlobContainerClient(azurite.ConnectionString, "recordings-test");
        var blobs = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"recordings/{room.Id}/", CancellationToken.None)) blobs.Add(blob.Name);
        blobs.Count(b => b.EndsWith(".mp4", StringComparison.Ordinal)).ShouldBe(1);
        blobs.Count(b => b.EndsWith(".jpg", StringComparison.Ordinal)).ShouldBe(1);
        using var anonymous = server.CreateHttpClient();
        var mp4 = await anonymous.GetByteArrayAsync(recording.GetProperty("url").GetString()!.TrimStart('/'));
        (await ProbeDurationAsync(mp4)).ShouldBe(3, 1);
        Directory.Exists(Path.Combine(server.DataDirectory, "media")).ShouldBeFalse("nothing went to the local folder store");
    }

    [Fact]
    public async Task AFailingRecordingIsRetriedAndNothingHalfMadeIsOffered()
    {
        // A server of its own: the retries go on after the test and must not share a job worker with the others.
        await using var server = await LiveRoomTestServer.StartAsync().WaitAsync(MediaTimeout);
        var room = await server.CreateRoomAsync("broken archive").WaitAsync(RoomClient.CallTimeout);
        var archive = Directory.CreateDirectory(Path.Combine(server.DataDirectory, "archive", room.Id)).FullName;
        await File.WriteAllBytesAsync(Path.Combine(archive, "broken.flv"), [.. "FLV"u8, 1, 5, 0, 0, 0, 9, 0, 0, 0, 0, .. Enumerable.Repeat((byte)0xAB, 5000)]);
        using var admin = server.CreateHttpClient(await server.LoginAsync());

        (await admin.PostAsync($"api/rooms/{room.Id}/end", null)).EnsureSuccessStatusCode();

        var outbox = (LiveRoom.Contracts.Jobs.IJobOutbox)server.Services.GetService(typeof(LiveRoom.Contracts.Jobs.IJobOutbox))!;
        var entry = await outbox.AddAsync("recording", room.Id);
        var deadline = Stopwatch.StartNew();
        while ((await outbox.GetAsync(entry.Id))!.Attempts < 2 && deadline.Elapsed < MediaTimeout)
        {
            var info = await admin.GetFromJsonAsync<JsonElement>($"api/rooms/{room.Id}");
            info.GetProperty("recording").ValueKind.ShouldBe(JsonValueKind.Null, "a failed recording is never offered");
            await Task.Delay(200);
        }

        var failed = (await outbox.GetAsync(entry.Id))!;
        failed.Attempts.ShouldBeGreaterThanOrEqualTo(2, "the job was tried again");
        failed.LastError.ShouldNotBeNull();
        failed.LastError.ShouldContain("ffmpeg");
        Directory.Exists(Path.Combine(server.DataDirectory, "media", "recordings", room.Id)).ShouldBeFalse("nothing half-made was stored");
        Directory.Exists(Path.Combine(server.DataDirectory, "work", entry.Id)).ShouldBeFalse("the scratch folder is cleaned up");
        File.Exists(Path.Combine(archive, "broken.flv")).ShouldBeTrue("the archive is kept until a recording succeeds");
    }

    [Fact]
    public async Task ARoomThatNeverWentLiveEndsWithoutARecording()
    {
        var room = await Server.CreateRoomAsync("never live").WaitAsync(RoomClient.CallTimeout);
        using var admin = Server.CreateHttpClient(await Server.LoginAsync());

        (await admin.PostAsync($"api/rooms/{room.Id}/end", null)).EnsureSuccessStatusCode();

        var outbox = (LiveRoom.Contracts.Jobs.IJobOutbox)Server.Services.GetService(typeof(LiveRoom.Contracts.Jobs.IJobOutbox))!;
        var entry = await outbox.AddAsync("recording", room.Id);
        var deadline = Stopwatch.StartNew();
        while ((await outbox.GetAsync(entry.Id))!.Status == LiveRoom.Contracts.Jobs.OutboxStatus.Pending && deadline.Elapsed < MediaTimeout) await Task.Delay(200);
        (await outbox.GetAsync(entry.Id))!.Status.ShouldBe(LiveRoom.Contracts.Jobs.OutboxStatus.Done);
        var info = await admin.GetFromJsonAsync<JsonElement>($"api/rooms/{room.Id}");
        info.GetProperty("recording").ValueKind.ShouldBe(JsonValueKind.Null);
        info.GetProperty("recordingProgress").ValueKind.ShouldBe(JsonValueKind.Null, "no progress is shown for a recording that will never come");
    }

    /// <summary>The job runs on its own schedule: ask the public API until the recording is offered (bounded).</summary>
    private static async Task<JsonElement> WaitForRecordingAsync(LiveRoomTestServer server, string roomId)
    {
        using var http = server.CreateHttpClient();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < MediaTimeout)
        {
            var info = await http.GetFromJsonAsync<JsonElement>($"api/rooms/{roomId}");
            if (info.GetProperty("recording").ValueKind == JsonValueKind.Object) return info.GetProperty("recording");
            await Task.Delay(250);
        }

        throw new TimeoutException($"Room {roomId} offered no recording within {MediaTimeout.TotalSeconds} s.");
    }

    private static List<RecordingSegment> Segments(JsonElement recording) =>
        recording.GetProperty("segments").Deserialize<List<RecordingSegment>>(LiveRoom.Contracts.Wire.WireFormat.Json)!;

    private static async Task<double> ProbeDurationAsync(byte[] media)
    {
        var file = Path.Combine(Path.GetTempPath(), $"liveroom-recording-{Guid.NewGuid():N}.mp4");
        await File.WriteAllBytesAsync(file, media);
        try
        {
            var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in new[] { "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file }) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(RoomClient.CallTimeout);
            return double.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
