using System.Globalization;
using System.Text.Json;
using LiveRoom.Contracts.Recordings;
using LiveRoom.Contracts.Wire;
using LiveRoom.Testing;
using MessagePack;
using MessagePack.Resolvers;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRoom.Server.Tests;

/// <summary>A JavaScript client sees one shape whichever protocol it picked: camelCase keys, lowercase enum strings, ISO times.</summary>
public sealed class WireShapeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task MessagePackEventsUseTheSameKeysAndStringsAsJson()
    {
        var room = await Server.CreateRoomAsync("shape").WaitAsync(RoomClient.CallTimeout);
        var viewer = await Server.CreateViewerAsync(room.Id, "Raw").WaitAsync(RoomClient.CallTimeout);
        await using var raw = Connect(viewer.AccessToken, b => b.AddMessagePackProtocol(o =>
            o.SerializerOptions = MessagePackSerializerOptions.Standard.WithResolver(ContractlessStandardResolver.Instance)));
        var chat = new TaskCompletionSource<object[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        raw.On<object[]>("chat", m => chat.TrySetResult(m));
        await raw.StartAsync().WaitAsync(RoomClient.CallTimeout);

        var snapshot = (IDictionary<object, object>)(await raw.InvokeAsync<object>("JoinRoom", room.Id).WaitAsync(RoomClient.CallTimeout));
        await raw.InvokeAsync<object>("SendChat", room.Id, "shape check").WaitAsync(RoomClient.CallTimeout);
        var message = (IDictionary<object, object>)(await chat.Task.WaitAsync(RoomClient.CallTimeout))[0];

        snapshot.Keys.ShouldBe(["room", "viewerCount", "recentChat", "questions", "me", "limits", "shelf"], ignoreOrder: true);
        var limits = (IDictionary<object, object>)snapshot["limits"];
        Convert.ToInt32(limits["maxMessageLength"], CultureInfo.InvariantCulture).ShouldBe(500);
        Convert.ToInt32(limits["maxQuestionLength"], CultureInfo.InvariantCulture).ShouldBe(300);
        Convert.ToInt32(limits["maxAnswerLength"], CultureInfo.InvariantCulture).ShouldBe(2000);
        var roomInfo = (IDictionary<object, object>)snapshot["room"];
        roomInfo["status"].ShouldBe("scheduled");
        ((IDictionary<object, object>)snapshot["me"])["role"].ShouldBe("viewer");
        message.Keys.ShouldBe(["id", "roomId", "sender", "text", "sentAt"], ignoreOrder: true);
        ((IDictionary<object, object>)message["sender"])["role"].ShouldBe("viewer");
        message["sentAt"].ShouldBeOfType<string>();
        DateTimeOffset.Parse((string)message["sentAt"], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public async Task JsonEventsUseCamelCaseKeysAndLowercaseStrings()
    {
        var room = await Server.CreateRoomAsync("json shape").WaitAsync(RoomClient.CallTimeout);
        var viewer = await Server.CreateViewerAsync(room.Id, "Raw").WaitAsync(RoomClient.CallTimeout);
        await using var raw = Connect(viewer.AccessToken, b => b.AddJsonProtocol());
        var questions = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        raw.On<JsonElement>("questions", q => questions.TrySetResult(q));
        await raw.StartAsync().WaitAsync(RoomClient.CallTimeout);

        var snapshot = await raw.InvokeAsync<JsonElement>("JoinRoom", room.Id).WaitAsync(RoomClient.CallTimeout);
        await raw.InvokeAsync<JsonElement>("AskQuestion", room.Id, "shape?").WaitAsync(RoomClient.CallTimeout);
        var question = (await questions.Task.WaitAsync(RoomClient.CallTimeout))[0];

        snapshot.GetProperty("room").GetProperty("status").GetString().ShouldBe("scheduled");
        snapshot.GetProperty("limits").GetProperty("maxMessageLength").GetInt32().ShouldBe(500);
        snapshot.GetProperty("limits").GetProperty("maxQuestionLength").GetInt32().ShouldBe(300);
        snapshot.GetProperty("limits").GetProperty("maxAnswerLength").GetInt32().ShouldBe(2000);
        question.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["id", "roomId", "askedBy", "text", "votes", "status", "pinned", "answer", "askedAt", "answeredBy"], ignoreOrder: true);
        question.GetProperty("status").GetString().ShouldBe("open");
        question.GetProperty("askedBy").GetProperty("displayName").GetString().ShouldBe("Raw");
    }

    [Fact]
    public void RecordingSegmentsHaveTheSameShapeInJsonAndMessagePack()
    {
        var startedAt = new DateTimeOffset(2026, 11, 22, 15, 4, 5, 123, TimeSpan.Zero);
        var recording = new RecordingInfo("/media/r.mp4", "/media/r.jpg", 20.5,
            [new RecordingSegment(startedAt, 0, 8.25), new RecordingSegment(startedAt.AddSeconds(30), 8.25, 12.25)]);

        var json = JsonSerializer.SerializeToElement(recording, WireFormat.Json);
        var packed = MessagePackSerializer.Serialize(recording, WireFormat.MessagePack);
        var raw = (IDictionary<object, object>)MessagePackSerializer.Deserialize<object>(packed, MessagePackSerializerOptions.Standard.WithResolver(ContractlessStandardResolver.Instance));

        string[] recordingKeys = ["url", "posterUrl", "durationSeconds", "segments"];
        string[] segmentKeys = ["startedAt", "offsetSeconds", "durationSeconds"];
        json.EnumerateObject().Select(p => p.Name).ShouldBe(recordingKeys, ignoreOrder: true);
        raw.Keys.ShouldBe(recordingKeys, ignoreOrder: true);
        var jsonSegment = json.GetProperty("segments")[1];
        var rawSegment = (IDictionary<object, object>)((object[])raw["segments"])[1];
        jsonSegment.EnumerateObject().Select(p => p.Name).ShouldBe(segmentKeys, ignoreOrder: true);
        rawSegment.Keys.ShouldBe(segmentKeys, ignoreOrder: true);
        DateTimeOffset.Parse(jsonSegment.GetProperty("startedAt").GetString()!, CultureInfo.InvariantCulture).ShouldBe(startedAt.AddSeconds(30));
        DateTimeOffset.Parse(rawSegment["startedAt"].ShouldBeOfType<string>(), CultureInfo.InvariantCulture).ShouldBe(startedAt.AddSeconds(30), "a time is an ISO string in MessagePack too");
        Convert.ToDouble(rawSegment["offsetSeconds"], CultureInfo.InvariantCulture).ShouldBe(8.25);
        MessagePackSerializer.Deserialize<RecordingInfo>(packed, WireFormat.MessagePack).Segments.ShouldBe(recording.Segments);
        json.Deserialize<RecordingInfo>(WireFormat.Json)!.Segments.ShouldBe(recording.Segments);
        JsonSerializer.SerializeToElement(recording with { Segments = null }, WireFormat.Json).GetProperty("segments").ValueKind.ShouldBe(JsonValueKind.Null, "older recordings have none");
    }

    private HubConnection Connect(string token, Action<IHubConnectionBuilder> protocol)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(Server.BaseAddress, "hubs/room"), o =>
        {
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            o.Transports = HttpTransportType.WebSockets;
        });
        protocol(builder);
        return builder.Build();
    }

    [Fact]
    public void MessagePackSignalsWithAnUnknownFieldOrAKeyTwiceDoNotRead()
    {
        byte[] Map(params (string Key, string Value)[] pairs)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            var writer = new MessagePackWriter(buffer);
            writer.WriteMapHeader(pairs.Length);
            foreach (var (key, value) in pairs)
            {
                writer.Write(key);
                writer.Write(value);
            }

            writer.Flush();
            return buffer.WrittenMemory.ToArray();
        }

        var good = MessagePackSerializer.Deserialize<LiveRoom.Contracts.Calls.SignalMessage>(Map(("type", "offer"), ("payload", "v=0"), ("to", "v_1")), WireFormat.MessagePack);
        good.ShouldBe(new LiveRoom.Contracts.Calls.SignalMessage("offer", "v=0", "v_1"));
        Should.Throw<MessagePackSerializationException>(() => MessagePackSerializer.Deserialize<LiveRoom.Contracts.Calls.SignalMessage>(Map(("type", "offer"), ("payload", "v=0"), ("extra", "x")), WireFormat.MessagePack));
        Should.Throw<MessagePackSerializationException>(() => MessagePackSerializer.Deserialize<LiveRoom.Contracts.Calls.SignalMessage>(Map(("type", "offer"), ("payload", "v=0"), ("type", "answer")), WireFormat.MessagePack));
    }
}
