using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Wire;
using LiveRoom.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveRoom.Server.Tests.Calls;

/// <summary>
/// A call's recording over HTTP with real ffmpeg: the recording agent uploads byte slices of one WebM stream
/// (what a browser's MediaRecorder sends) while everyone agrees; once the call ends the job makes one MP4.
/// </summary>
public sealed class CallRecordingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int ChunkBytes = 300_000;
    private const string ConsentText = "This call will be recorded. Do you agree?";
    private static readonly TimeSpan MediaTimeout = TimeSpan.FromSeconds(90);

    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task AConsentedRecordingUploadedInChunksBecomesOneMp4ThatOnlyStaffWhoTakeCallsCanFetch()
    {
        var webm = await MakeWebmAsync(7, 440).WaitAsync(MediaTimeout);
        var chunks = Slice(webm);
        chunks.Count.ShouldBeGreaterThanOrEqualTo(4, "a few hundred KB each");
        var (agent, viewer, call) = await StartCallAsync(Server, "recorded call");
        await using var _ = agent;
        await using var __ = viewer;
        using var uploader = Server.CreateHttpClient(agent.AccessToken);

        await (await PutAsync(uploader, call.CallId, 1, 0, chunks[0])).ShouldBeRefusedAsync(HttpStatusCode.Conflict, "not_recording", "nothing is recorded before everyone agrees");
        var take = await RecordAsync(agent, viewer, call.CallId);
        take.ShouldBe(1);
        using var asViewer = Server.CreateHttpClient(viewer.AccessToken);
        await (await PutAsync(asViewer, call.CallId, take, 0, chunks[0])).ShouldBeRefusedAsync(HttpStatusCode.Conflict, "not_recording", "only the agent who asked uploads");
        await (await PutAsync(uploader, call.CallId, take + 1, 0, chunks[0])).ShouldBeRefusedAsync(HttpStatusCode.Conflict, "not_recording", "a take that is not the current one");
        await (await PutAsync(uploader, call.CallId, take, 0, chunks[0], digestOf: chunks[1])).ShouldBeRefusedAsync(HttpStatusCode.BadRequest, "invalid", "a digest that does not match");
        await (await PutAsync(uploader, call.CallId, take, 0, chunks[0], digestOf: [])).ShouldBeRefusedAsync(HttpStatusCode.BadRequest, "invalid", "no digest");
        await (await PutAsync(uploader, call.CallId, take, 0, new byte[(4 * 1024 * 1024) + 1])).ShouldBeRefusedAsync(HttpStatusCode.RequestEntityTooLarge, "too_long", "over 4 MiB");
        using var anonymous = Server.CreateHttpClient();
        (await PutAsync(anonymous, call.CallId, take, 0, chunks[0])).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // Every chunk but the last while the call goes on; the recorder hands over its last piece once it stopped.
        for (var seq = 0; seq < chunks.Count - 1; seq++)
        {
            using var stored = await PutAsync(uploader, call.CallId, take, seq, chunks[seq]);
            stored.StatusCode.ShouldBe(HttpStatusCode.Created, $"chunk {seq} of {chunks[seq].Length} bytes");
        }

        (await PutAsync(uploader, call.CallId, take, 1, chunks[1])).StatusCode.ShouldBe(HttpStatusCode.NoContent, "the same chunk again is a safe retry");
        await (await PutAsync(uploader, call.CallId, take, 1, chunks[2])).ShouldBeRefusedAsync(HttpStatusCode.Conflict, "conflict", "another body for a seq already stored");
        using var staff = Server.CreateHttpClient(agent.AccessToken);
        (await staff.GetAsync($"api/calls/{call.CallId}/recording").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "nothing before it is made");

        await agent.Connection.InvokeAsync("EndCall", call.CallId).WaitAsync(RoomClient.CallTimeout);
        (await PutAsync(uploader, call.CallId, take, chunks.Count - 1, chunks[^1])).StatusCode.ShouldBe(HttpStatusCode.Created, "the last piece, just after the end, is kept");
        var recording = await WaitForRecordingAsync(staff, call.CallId);
        await (await PutAsync(uploader, call.CallId, take, chunks.Count, chunks[0])).ShouldBeRefusedAsync(HttpStatusCode.Conflict, "not_recording", "the call is over and its last take closed");

        recording.Status.ShouldBe(CallRecordingFileStatus.Ready);
        recording.Url.ShouldBe($"/api/calls/{call.CallId}/recording");
        recording.MissingChunks.ShouldBeEmpty();
        recording.DurationSeconds!.Value.ShouldBe(7, 0.5);
        using var range = new HttpRequestMessage(HttpMethod.Get, recording.Url!.TrimStart('/'));
        range.Headers.Range = new RangeHeaderValue(0, 99);
        using var partial = await staff.SendAsync(range).WaitAsync(RoomClient.CallTimeout);
        partial.StatusCode.ShouldBe(HttpStatusCode.PartialContent, "players seek with range requests");
        partial.Content.Headers.ContentType!.MediaType.ShouldBe("video/mp4");
        (await partial.Content.ReadAsByteArrayAsync()).Length.ShouldBe(100);
        var mp4 = await staff.GetByteArrayAsync(recording.Url.TrimStart('/')).WaitAsync(RoomClient.CallTimeout);
        var probe = await ProbeAsync(mp4).WaitAsync(MediaTimeout);
        probe.DurationSeconds.ShouldBe(7, 0.5);
        probe.Streams.ShouldBe(["video", "audio"], ignoreOrder: true);

        (await asViewer.GetAsync(recording.Url.TrimStart('/')).WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await anonymous.GetAsync(recording.Url.TrimStart('/')).WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync($"media/private/calls/{call.CallId}/recording.mp4").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a call's recording is never public media");
        var record = await staff.GetFromJsonAsync<CallRecord>($"api/calls/{call.CallId}", WireFormat.Json).WaitAsync(RoomClient.CallTimeout);
        record!.Recording.ShouldNotBeNull().ShouldBe(recording with { MissingChunks = record.Recording!.MissingChunks }, "the history shows the recording");
    }

    [Fact]
    public async Task TwoTakesWithAStopBetweenThemBecomeOneMp4AsLongAsBoth()
    {
        var first = Slice(await MakeWebmAsync(4, 440).WaitAsync(MediaTimeout));
        var second = Slice(await MakeWebmAsync(3, 880).WaitAsync(MediaTimeout));
        var (agent, viewer, call) = await StartCallAsync(Server, "two takes");
        await using var _ = agent;
        await using var __ = viewer;
        using var uploader = Server.CreateHttpClient(agent.AccessToken);

        var take1 = await RecordAsync(agent, viewer, call.CallId);
        await UploadAllAsync(uploader, call.CallId, take1, first[..^1]);
        await viewer.Connection.InvokeAsync<CallRecordingStatus>("StopRecording", call.CallId).WaitAsync(RoomClient.CallTimeout);
        // The take stays open a few seconds after the viewer withdrew, for the recorder's last piece.
        (await PutAsync(uploader, call.CallId, take1, first.Count - 1, first[^1])).StatusCode.ShouldBe(HttpStatusCode.Created);
        var take2 = await RecordAsync(agent, viewer, call.CallId);
        take2.ShouldBe(take1 + 1);
        await (await PutAsync(uploader, call.CallId, take1, first.Count, first[0])).ShouldBeRefusedAsync(HttpStatusCode.Conflict, "not_recording", "the first take is over");
        await UploadAllAsync(uploader, call.CallId, take2, second);
        await viewer.Connection.InvokeAsync("EndCall", call.CallId).WaitAsync(RoomClient.CallTimeout);

        using var staff = Server.CreateHttpClient(agent.AccessToken);
        var recording = await WaitForRecordingAsync(staff, call.CallId);

        recording.Status.ShouldBe(CallRecordingFileStatus.Ready);
        recording.DurationSeconds!.Value.ShouldBe(7, 0.5, "the takes end to end");
        var probe = await ProbeAsync(await staff.GetByteArrayAsync(recording.Url!.TrimStart('/')).WaitAsync(RoomClient.CallTimeout)).WaitAsync(MediaTimeout);
        probe.DurationSeconds.ShouldBe(7, 0.5);
        probe.Streams.ShouldBe(["video", "audio"], ignoreOrder: true);
    }

    [Fact]
    public async Task AChunkThatNeverArrivedIsReportedAndTheRestIsKept()
    {
        var chunks = Slice(await MakeWebmAsync(7, 660).WaitAsync(MediaTimeout));
        var (agent, viewer, call) = await StartCallAsync(Server, "lost chunk");
        await using var _ = agent;
        await using var __ = viewer;
        using var uploader = Server.CreateHttpClient(agent.AccessToken);
        var take = await RecordAsync(agent, viewer, call.CallId);
        const int Lost = 2;
        for (var seq = 0; seq < chunks.Count; seq++)
        {
            if (seq == Lost) continue;
            (await PutAsync(uploader, call.CallId, take, seq, chunks[seq])).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await agent.Connection.InvokeAsync("EndCall", call.CallId).WaitAsync(RoomClient.CallTimeout);
        using var staff = Server.CreateHttpClient(agent.AccessToken);
        var recording = await WaitForRecordingAsync(staff, call.CallId);

        recording.MissingChunks.ShouldBe([new MissingChunk(take, Lost)]);
        recording.Status.ShouldBe(CallRecordingFileStatus.Ready, "the rest is kept");
        var probe = await ProbeAsync(await staff.GetByteArrayAsync(recording.Url!.TrimStart('/')).WaitAsync(RoomClient.CallTimeout)).WaitAsync(MediaTimeout);
        probe.Streams.ShouldContain("video");
        probe.DurationSeconds.ShouldBeInRange(3, 7.5);
    }

    [Fact]
    public async Task BytesThatAreNoRecordingEndInAFailedRecordingThatIsNeverServed()
    {
        var (agent, viewer, call) = await StartCallAsync(Server, "not a webm");
        await using var _ = agent;
        await using var __ = viewer;
        using var uploader = Server.CreateHttpClient(agent.AccessToken);
        var take = await RecordAsync(agent, viewer, call.CallId);
        await UploadAllAsync(uploader, call.CallId, take, [RandomNumberGenerator.GetBytes(100_000), RandomNumberGenerator.GetBytes(100_000)]);

        await viewer.Connection.InvokeAsync("EndCall", call.CallId).WaitAsync(RoomClient.CallTimeout);
        var recording = await WaitForRecordingAsync(uploader, call.CallId);

        recording.Status.ShouldBe(CallRecordingFileStatus.Failed);
        recording.Url.ShouldBeNull();
        (await uploader.GetAsync($"api/calls/{call.CallId}/recording").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task InClusterModeTheChunksAndTheRecordingAreBlobsThatOnlyTheCallsApiServes()
    {
        await using var azurite = await AzuriteEmulator.StartAsync().WaitAsync(MediaTimeout);
        await using var server = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["LiveRoom:MediaStore:Provider"] = "AzureBlob",
            ["LiveRoom:MediaStore:ConnectionString"] = azurite.ConnectionString,
            ["LiveRoom:MediaStore:Container"] = "call-recordings-test",
        }).WaitAsync(MediaTimeout);
        var chunks = Slice(await MakeWebmAsync(4, 550).WaitAsync(MediaTimeout));
        var (agent, viewer, call) = await StartCallAsync(server, "recorded to blobs");
        await using var _ = agent;
        await using var __ = viewer;
        using var uploader = server.CreateHttpClient(agent.AccessToken);
        var take = await RecordAsync(agent, viewer, call.CallId);
        await UploadAllAsync(uploader, call.CallId, take, chunks);
        var container = new Azure.Storage.Blobs.BlobContainerClient(azurite.ConnectionString, "call-recordings-test");
        (await BlobsAsync(container, $"private/calls/{call.CallId}/takes/")).Count.ShouldBe(chunks.Count, "each chunk is stored as it arrives");

        await agent.Connection.InvokeAsync("EndCall", call.CallId).WaitAsync(RoomClient.CallTimeout);
        var recording = await WaitForRecordingAsync(uploader, call.CallId);

        recording.Status.ShouldBe(CallRecordingFileStatus.Ready);
        // The chunks go once the MP4 is stored and the job is done: a moment after the recording is offered.
        var deadline = Stopwatch.StartNew();
        while ((await BlobsAsync(container, $"private/calls/{call.CallId}/takes/")).Count > 0 && deadline.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(100).WaitAsync(MediaTimeout);
        (await BlobsAsync(container, $"private/calls/{call.CallId}/")).ShouldBe([$"private/calls/{call.CallId}/recording.mp4"], "the chunks go once the MP4 is stored");
        var probe = await ProbeAsync(await uploader.GetByteArrayAsync(recording.Url!.TrimStart('/')).WaitAsync(RoomClient.CallTimeout)).WaitAsync(MediaTimeout);
        probe.DurationSeconds.ShouldBe(4, 0.5);
        using var anonymous = server.CreateHttpClient();
        (await anonymous.GetAsync($"media/private/calls/{call.CallId}/recording.mp4").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Directory.Exists(Path.Combine(server.DataDirectory, "media")).ShouldBeFalse("nothing went to the local folder store");
    }

    private static async Task<List<string>> BlobsAsync(Azure.Storage.Blobs.BlobContainerClient container, string prefix)
    {
        var names = new List<string>();
        using var timeout = new CancellationTokenSource(RoomClient.CallTimeout);
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, timeout.Token))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private static async Task<(RoomClient Agent, RoomClient Viewer, CallInfo Call)> StartCallAsync(LiveRoomTestServer server, string title)
    {
        var room = await server.CreateRoomAsync(title).WaitAsync(RoomClient.CallTimeout);
        var staff = await server.CreateStaffAsync("agent").WaitAsync(RoomClient.CallTimeout);
        var token = await server.LoginAsync(staff.Email, staff.Password).WaitAsync(RoomClient.CallTimeout);
        var agent = await RoomClient.ConnectAsync(server, room.Id, staff.Id, token, messagePack: false, join: false).WaitAsync(RoomClient.CallTimeout);
        await agent.Connection.InvokeAsync<AgentStatus>("SetAvailability", true, 1).WaitAsync(RoomClient.CallTimeout);
        await agent.Connection.InvokeAsync<QueueEntry[]>("WatchQueue", room.Id).WaitAsync(RoomClient.CallTimeout);
        var viewer = await RoomClient.JoinAsViewerAsync(server, room.Id, "Rita").WaitAsync(RoomClient.CallTimeout);
        var ticket = await viewer.Connection.InvokeAsync<CallTicket>("RequestCall", room.Id, null).WaitAsync(RoomClient.CallTimeout);
        var call = await agent.Connection.InvokeAsync<CallInfo>("AcceptCall", room.Id, ticket.TicketId).WaitAsync(RoomClient.CallTimeout);
        return (agent, viewer, call);
    }

    /// <summary>The agent asks, the viewer agrees: the recording runs; returns its take.</summary>
    private static async Task<int> RecordAsync(RoomClient agent, RoomClient viewer, string callId)
    {
        var asked = await agent.Connection.InvokeAsync<CallRecordingStatus>("RequestRecording", callId).WaitAsync(RoomClient.CallTimeout);
        asked.State.ShouldBe(RecordingState.Requested);
        var agreed = await viewer.Connection.InvokeAsync<CallRecordingStatus>("AnswerRecording", callId, true, ConsentText).WaitAsync(RoomClient.CallTimeout);
        agreed.State.ShouldBe(RecordingState.Recording);
        return agreed.Take;
    }

    private static async Task UploadAllAsync(HttpClient client, string callId, int take, IReadOnlyList<byte[]> chunks)
    {
        for (var seq = 0; seq < chunks.Count; seq++)
        {
            using var stored = await PutAsync(client, callId, take, seq, chunks[seq]);
            stored.StatusCode.ShouldBe(HttpStatusCode.Created, $"chunk {seq} of take {take}");
        }
    }

    /// <summary>PUTs one chunk with the Content-Digest of <paramref name="digestOf"/> (the body itself unless given; none when empty).</summary>
    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string callId, int take, int seq, byte[] body, byte[]? digestOf = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/calls/{callId}/recording/takes/{take}/chunks/{seq}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("video/webm");
        // As browsers and proxies may: the body follows only once the server agreed to read it, so a refusal by
        // size is read as a refusal, not as a connection broken while the body was still being sent.
        request.Headers.ExpectContinue = true;
        var digested = digestOf ?? body;
        if (digestOf is not { Length: 0 }) request.Headers.TryAddWithoutValidation("Content-Digest", $"sha-256=:{Convert.ToBase64String(SHA256.HashData(digested))}:");
        return await client.SendAsync(request).WaitAsync(RoomClient.CallTimeout);
    }

    /// <summary>The job runs on its own schedule: ask the history until the recording is ready or failed (bounded).</summary>
    private static async Task<CallRecordingInfo> WaitForRecordingAsync(HttpClient staff, string callId)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < MediaTimeout)
        {
            var call = await staff.GetFromJsonAsync<CallRecord>($"api/calls/{callId}", WireFormat.Json).WaitAsync(RoomClient.CallTimeout);
            if (call!.Recording is { Status: not CallRecordingFileStatus.Processing } done) return done;
            await Task.Delay(250).WaitAsync(MediaTimeout);
        }

        throw new TimeoutException($"Call {callId} had no finished recording within {MediaTimeout.TotalSeconds} s.");
    }

    private static List<byte[]> Slice(byte[] webm) => [.. webm.Chunk(ChunkBytes)];

    /// <summary>
    /// A WebM as a browser's MediaRecorder makes it: VP8 + Opus, 640x360, written as a stream (to a pipe, so it
    /// has no index). The noise keeps the bitrate near a camera's, so a few seconds make several chunks.
    /// </summary>
    private static async Task<byte[]> MakeWebmAsync(double seconds, int frequency)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", $"sine=frequency={frequency}:sample_rate=48000",
            "-t", seconds.ToString(CultureInfo.InvariantCulture), "-vf", "noise=alls=20:allf=t", "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "2500k",
            "-c:a", "libopus", "-b:a", "64k", "-f", "webm", "pipe:1",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var ffmpeg = Process.Start(start)!;
        using var output = new MemoryStream();
        var error = ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.StandardOutput.BaseStream.CopyToAsync(output).WaitAsync(MediaTimeout);
        await ffmpeg.WaitForExitAsync().WaitAsync(MediaTimeout);
        ffmpeg.ExitCode.ShouldBe(0, await error.WaitAsync(MediaTimeout));
        return output.ToArray();
    }

    private static async Task<(double DurationSeconds, string[] Streams)> ProbeAsync(byte[] media)
    {
        var file = Path.Combine(Path.GetTempPath(), $"liveroom-call-recording-{Guid.NewGuid():N}.mp4");
        await File.WriteAllBytesAsync(file, media).WaitAsync(MediaTimeout);
        try
        {
            var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in new[] { "-v", "error", "-show_entries", "format=duration:stream=codec_type", "-of", "default=noprint_wrappers=1:nokey=0", file }) start.ArgumentList.Add(argument);
            using var ffprobe = Process.Start(start)!;
            var lines = (await ffprobe.StandardOutput.ReadToEndAsync().WaitAsync(MediaTimeout)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            await ffprobe.WaitForExitAsync().WaitAsync(MediaTimeout);
            var duration = double.Parse(lines.Single(l => l.StartsWith("duration=", StringComparison.Ordinal))["duration=".Length..], CultureInfo.InvariantCulture);
            return (duration, [.. lines.Where(l => l.StartsWith("codec_type=", StringComparison.Ordinal)).Select(l => l["codec_type=".Length..])]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
