using System.Text.Json;
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

        snapshot.Keys.ShouldBe(["room", "viewerCount", "recentChat", "questions", "me"], ignoreOrder: true);
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
        question.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["id", "roomId", "askedBy", "text", "votes", "status", "pinned", "answer", "askedAt", "answeredBy"], ignoreOrder: true);
        question.GetProperty("status").GetString().ShouldBe("open");
        question.GetProperty("askedBy").GetProperty("displayName").GetString().ShouldBe("Raw");
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
}
