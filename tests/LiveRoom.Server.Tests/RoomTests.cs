using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Recordings;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Testing;
using Microsoft.AspNetCore.SignalR;

namespace LiveRoom.Server.Tests;

public sealed class RoomTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task CreatingARoomReturnsTheViewerUrlAndASecretStreamKey()
    {
        using var http = Server.CreateHttpClient(await Server.LoginAsync());

        using var response = await http.PostAsJsonAsync("api/rooms", new { title = "Spring launch", description = "New phones" }).WaitAsync(RoomClient.CallTimeout);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        var id = root.GetProperty("id").GetString()!;
        RoomIds.IsRoomId(id).ShouldBeTrue();
        root.GetProperty("status").GetString().ShouldBe("scheduled");
        root.GetProperty("viewerUrl").GetString().ShouldBe($"{Server.BaseAddress}r/{id}");
        var key = root.GetProperty("ingest").GetProperty("streamKey").GetString()!;
        RoomIds.TryParseStreamKey(key, out var keyRoom).ShouldBeTrue();
        keyRoom.ShouldBe(id);
        root.GetProperty("ingest").GetProperty("rtmpUrl").GetString().ShouldBe($"rtmp://127.0.0.1:{Server.RtmpPort}/live");
        root.GetProperty("ingest").GetProperty("keyframeSeconds").GetInt32().ShouldBe(1, "hosts are told the keyframe interval the HLS segments are cut at");
        response.Headers.Location!.ToString().ShouldBe($"/api/rooms/{id}");
    }

    [Fact]
    public async Task ARoomWithoutATitleIsRefusedWithAReason()
    {
        using var http = Server.CreateHttpClient(await Server.LoginAsync());

        using var response = await http.PostAsJsonAsync("api/rooms", new { title = "  " }).WaitAsync(RoomClient.CallTimeout);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("empty");
    }

    [Fact]
    public async Task AnUnknownRoomIsNotFound()
    {
        using var http = Server.CreateHttpClient();

        (await http.GetAsync("api/rooms/zzzzzzzzzz")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync("api/rooms/..%2Fetc")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.PostAsJsonAsync("api/rooms/zzzzzzzzzz/viewers", new { displayName = "A" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RotatingTheStreamKeyReplacesIt()
    {
        var room = await Server.CreateRoomAsync("rotate").WaitAsync(RoomClient.CallTimeout);
        using var http = Server.CreateHttpClient(await Server.LoginAsync());

        using var rotated = await http.PostAsync($"api/rooms/{room.Id}/stream-key", null).WaitAsync(RoomClient.CallTimeout);
        var ingest = await http.GetFromJsonAsync<JsonElement>($"api/rooms/{room.Id}/ingest");

        rotated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var newKey = ingest.GetProperty("streamKey").GetString();
        newKey.ShouldNotBe(room.StreamKey);
        (await rotated.Content.ReadAsStringAsync()).ShouldContain(newKey!);
    }

    [Fact]
    public async Task RotatingTheStreamKeyWithADisconnectBodyOfARoomNotLiveReplacesIt()
    {
        var room = await Server.CreateRoomAsync("rotate with body").WaitAsync(RoomClient.CallTimeout);
        using var http = Server.CreateHttpClient(await Server.LoginAsync());

        using var rotated = await http.PostAsJsonAsync($"api/rooms/{room.Id}/stream-key", new { disconnect = true }).WaitAsync(RoomClient.CallTimeout);

        rotated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var ingest = await http.GetFromJsonAsync<JsonElement>($"api/rooms/{room.Id}/ingest");
        ingest.GetProperty("streamKey").GetString().ShouldNotBe(room.StreamKey);
        (await http.GetFromJsonAsync<JsonElement>($"api/rooms/{room.Id}")).GetProperty("status").GetString().ShouldBe("scheduled", "nothing to disconnect");
    }

    [Fact]
    public async Task RotatingTheStreamKeyWithABodyThatIsNotJsonIsRefusedAndKeepsTheKey()
    {
        var room = await Server.CreateRoomAsync("rotate with garbage").WaitAsync(RoomClient.CallTimeout);
        using var http = Server.CreateHttpClient(await Server.LoginAsync());
        using var garbage = new StringContent("{disconnect: yes", System.Text.Encoding.UTF8, "application/json");

        using var refused = await http.PostAsync($"api/rooms/{room.Id}/stream-key", garbage).WaitAsync(RoomClient.CallTimeout);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await http.GetFromJsonAsync<JsonElement>($"api/rooms/{room.Id}/ingest")).GetProperty("streamKey").GetString().ShouldBe(room.StreamKey);
    }

    [Fact]
    public async Task EndingARoomTellsEveryoneAndClosesTheChat()
    {
        var room = await Server.CreateRoomAsync("ending").WaitAsync(RoomClient.CallTimeout);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Alice");
        await using var bob = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Bob", messagePack: true);
        using var http = Server.CreateHttpClient(await Server.LoginAsync());

        using var ended = await http.PostAsync($"api/rooms/{room.Id}/end", null).WaitAsync(RoomClient.CallTimeout);
        using var endedAgain = await http.PostAsync($"api/rooms/{room.Id}/end", null).WaitAsync(RoomClient.CallTimeout);

        ended.StatusCode.ShouldBe(HttpStatusCode.OK);
        endedAgain.StatusCode.ShouldBe(HttpStatusCode.OK);
        await alice.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Ended), "the end");
        await bob.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Ended), "the end");
        (await Should.ThrowAsync<HubException>(() => alice.SendChatAsync("anyone?"))).Message.ShouldContain("ended");
        var info = await http.GetFromJsonAsync<JsonElement>($"api/rooms/{room.Id}");
        info.GetProperty("status").GetString().ShouldBe("ended");
        info.GetProperty("endedAt").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Fact]
    public async Task TheRoomListCarriesTheSameRecordingDetailsAsTheRoom()
    {
        var recorded = await Server.CreateRoomAsync("listed with a recording").WaitAsync(RoomClient.CallTimeout);
        var upcoming = await Server.CreateRoomAsync("listed before going live").WaitAsync(RoomClient.CallTimeout);
        using var http = Server.CreateHttpClient(await Server.LoginAsync().WaitAsync(RoomClient.CallTimeout));
        (await http.PostAsync($"api/rooms/{recorded.Id}/end", null).WaitAsync(RoomClient.CallTimeout)).EnsureSuccessStatusCode();
        // What the recording job hands the room once the files are stored.
        var segment = new RecordingSegment(DateTimeOffset.UtcNow.AddMinutes(-5), 0, 12.5);
        var grains = (IGrainFactory)Server.Services.GetService(typeof(IGrainFactory))!;
        await grains.Room(recorded.Id).SetRecordingAsync(new RecordingInfo($"/media/recordings/{recorded.Id}/r.mp4", $"/media/recordings/{recorded.Id}/r.jpg", 12.5, [segment])).WaitAsync(RoomClient.CallTimeout);

        var list = await http.GetFromJsonAsync<JsonElement>("api/rooms").WaitAsync(RoomClient.CallTimeout);

        foreach (var room in new[] { recorded, upcoming })
        {
            var single = await http.GetFromJsonAsync<JsonElement>($"api/rooms/{room.Id}").WaitAsync(RoomClient.CallTimeout);
            var listed = list.EnumerateArray().Single(r => r.GetProperty("id").GetString() == room.Id);
            foreach (var field in new[] { "recording", "recordingProgress", "liveSince" })
            {
                listed.GetProperty(field).GetRawText().ShouldBe(single.GetProperty(field).GetRawText(), $"'{field}' of room {room.Id}");
            }
        }

        var recording = list.EnumerateArray().Single(r => r.GetProperty("id").GetString() == recorded.Id).GetProperty("recording");
        recording.GetProperty("durationSeconds").GetDouble().ShouldBe(12.5);
        recording.GetProperty("segments")[0].GetProperty("offsetSeconds").GetDouble().ShouldBe(0);
    }

    [Fact]
    public async Task TheViewerCountReachesEveryone()
    {
        var room = await Server.CreateRoomAsync("presence").WaitAsync(RoomClient.CallTimeout);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Alice");
        var bob = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Bob");

        await alice.Viewers.WaitForAsync(v => v.Count > 0 && v[^1] == 2, "two viewers");
        await bob.DisposeAsync();

        await alice.Viewers.WaitForAsync(v => v[^1] == 1, "one viewer after Bob left");
        using var http = Server.CreateHttpClient();
        (await http.GetFromJsonAsync<JsonElement>($"api/rooms/{room.Id}")).GetProperty("viewerCount").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task ViewerNamesAreCheckedWhenAnIdentityIsCreated()
    {
        var room = await Server.CreateRoomAsync("names").WaitAsync(RoomClient.CallTimeout);
        using var http = Server.CreateHttpClient();

        (await http.PostAsJsonAsync($"api/rooms/{room.Id}/viewers", new { displayName = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await http.PostAsJsonAsync($"api/rooms/{room.Id}/viewers", new { displayName = new string('n', 41) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await http.PostAsJsonAsync($"api/rooms/{room.Id}/viewers", new { displayName = "tab\there" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await http.PostAsJsonAsync($"api/rooms/{room.Id}/viewers", new { displayName = "小明" })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task TheChatHistoryIsReadablePageByPageForReplay()
    {
        var room = await Server.CreateRoomAsync("history api").WaitAsync(RoomClient.CallTimeout);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Alice");
        for (var i = 1; i <= 3; i++) await alice.SendChatAsync($"line {i}");
        using var http = Server.CreateHttpClient();

        var first = await http.GetFromJsonAsync<JsonElement>($"api/rooms/{room.Id}/chat?limit=2");
        var rest = await http.GetFromJsonAsync<JsonElement>($"api/rooms/{room.Id}/chat?after={first[1].GetProperty("id").GetString()}");

        first.EnumerateArray().Select(m => m.GetProperty("text").GetString()).ShouldBe(["line 1", "line 2"]);
        rest.EnumerateArray().Select(m => m.GetProperty("text").GetString()).ShouldBe(["line 3"]);
        first[0].GetProperty("sentAt").ValueKind.ShouldBe(JsonValueKind.String);
        (await http.GetAsync("api/rooms/zzzzzzzzzz/chat")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync($"api/rooms/{room.Id}/chat?after=-1")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task OperatorEndpointsAnswer()
    {
        using var http = Server.CreateHttpClient();

        (await http.GetStringAsync("healthz")).ShouldBe("ok");
        (await http.GetStringAsync("readyz")).ShouldBe("ready");
        var metrics = await http.GetStringAsync("metrics");
        metrics.ShouldContain("liveroom_hub_connections ");
        metrics.ShouldContain("process_cpu_seconds_total ");
        (await http.GetStringAsync("openapi/v1.json")).ShouldContain("/api/rooms/{id}/viewers");
    }

    [Fact]
    public async Task ReadinessFailsAndTheLogWarnsWhenTheDataDirectoryIsLowOnSpace()
    {
        await using var server = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?> { ["LiveRoom:Storage:MinFreeDiskMegabytes"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .WaitAsync(TimeSpan.FromSeconds(60));
        using var http = server.CreateHttpClient();

        using var ready = await http.GetAsync("readyz").WaitAsync(RoomClient.CallTimeout);

        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).ShouldStartWith("disk space low");
        server.Logs.Lines.ShouldContain(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("low on space", StringComparison.Ordinal));
        (await http.GetStringAsync("healthz")).ShouldBe("ok", "the process itself is healthy");
    }
}
