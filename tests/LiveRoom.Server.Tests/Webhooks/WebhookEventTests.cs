using System.Text.Json;
using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Contracts.Webhooks;
using LiveRoom.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using StandardWebhooks;

namespace LiveRoom.Server.Tests.Webhooks;

/// <summary>The events LiveRoom publishes today reach a subscribed endpoint with their documented payloads.</summary>
public sealed class WebhookEventTests(WebhookServerFixture fixture) : IClassFixture<WebhookServerFixture>
{
    private static readonly TimeSpan MediaTimeout = TimeSpan.FromSeconds(60);

    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task ARoomsStartQuestionCallAndEndArriveWithTheirPayloads()
    {
        await using var receiver = await WebhookReceiver.StartAsync().WaitAsync(RoomClient.CallTimeout);
        using var admin = await WebhookAdmin.SignInAsync(Server);
        var (_, secret) = await admin.CreateAsync(
            receiver.Url(), WebhookEventTypes.RoomStarted, WebhookEventTypes.RoomEnded, WebhookEventTypes.QuestionAsked, WebhookEventTypes.CallCompleted);
        var (_, otherSecret) = await admin.CreateAsync(receiver.Url("rooms-only"), WebhookEventTypes.RoomEnded);
        var room = await Server.CreateRoomAsync("Spring collection").WaitAsync(RoomClient.CallTimeout);

        await using var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Mei");
        await using (var host = FfmpegPublisher.Start(Server.PublishUrl(room.StreamKey), seconds: 4, width: 640, height: 360))
        {
            await viewer.Statuses.WaitForAsync(s => s.Contains(RoomStatus.Live), "the room going live", MediaTimeout);
            await host.WaitAsync(MediaTimeout);
        }

        await viewer.SendChatAsync("hello");
        var question = await viewer.AskAsync("Does it come in blue?");
        var agent = await Server.CreateStaffAsync("agent").WaitAsync(RoomClient.CallTimeout);
        await using var agentClient = await RoomClient.ConnectAsync(Server, room.Id, agent.Id, await Server.LoginAsync(agent.Email, agent.Password).WaitAsync(RoomClient.CallTimeout), messagePack: false, join: false);
        await agentClient.Connection.InvokeAsync<AgentStatus>("SetAvailability", true, 1).WaitAsync(RoomClient.CallTimeout);
        await agentClient.Connection.InvokeAsync<QueueEntry[]>("WatchQueue", room.Id).WaitAsync(RoomClient.CallTimeout);
        var ticket = await viewer.Connection.InvokeAsync<CallTicket>("RequestCall", room.Id, "sizes").WaitAsync(RoomClient.CallTimeout);
        var call = await agentClient.Connection.InvokeAsync<CallInfo>("AcceptCall", room.Id, ticket.TicketId).WaitAsync(RoomClient.CallTimeout);
        await agentClient.Connection.InvokeAsync("EndCall", call.CallId).WaitAsync(RoomClient.CallTimeout);
        using (var end = await admin.Http.PostAsync($"api/rooms/{room.Id}/end", null).WaitAsync(RoomClient.CallTimeout))
        {
            end.EnsureSuccessStatusCode();
        }

        var started = Data(await receiver.WaitForAsync(WebhookEventTypes.RoomStarted), secret);
        started.GetProperty("roomId").GetString().ShouldBe(room.Id);
        started.GetProperty("title").GetString().ShouldBe("Spring collection");
        started.GetProperty("startedAt").GetDateTimeOffset().ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow);

        var asked = Data(await receiver.WaitForAsync(WebhookEventTypes.QuestionAsked), secret);
        Names(asked).ShouldBe(["roomId", "roomTitle", "questionId", "text", "askedById", "askedByName", "askedAt"]);
        asked.GetProperty("questionId").GetString().ShouldBe(question.Id);
        asked.GetProperty("text").GetString().ShouldBe("Does it come in blue?");
        asked.GetProperty("askedById").GetString().ShouldBe(viewer.ParticipantId);
        asked.GetProperty("askedByName").GetString().ShouldBe("Mei");
        asked.GetProperty("roomTitle").GetString().ShouldBe("Spring collection");

        var completed = Data(await receiver.WaitForAsync(WebhookEventTypes.CallCompleted), secret);
        completed.GetProperty("callId").GetString().ShouldBe(call.CallId);
        completed.GetProperty("roomId").GetString().ShouldBe(room.Id);
        completed.GetProperty("topic").GetString().ShouldBe("sizes");
        completed.GetProperty("endReason").GetString().ShouldBe(CallEndReasons.Hangup);
        completed.GetProperty("durationSeconds").GetInt32().ShouldBeGreaterThanOrEqualTo(0);
        completed.GetProperty("participants").EnumerateArray().Select(p => (p.GetProperty("id").GetString(), p.GetProperty("role").GetString()))
            .ShouldBe([(agent.Id, "agent"), (viewer.ParticipantId, "viewer")], ignoreOrder: true);

        var ended = await receiver.WaitForAsync(WebhookEventTypes.RoomEnded, 2);
        ended.Select(e => e.Path).ShouldBe(["/hook", "/rooms-only"], ignoreOrder: true);
        ended.Select(e => e.Id).Distinct().Count().ShouldBe(1, "one event, one webhook-id, whichever endpoint it goes to");
        var endedData = Data([ended.Single(e => e.Path == "/hook")], secret);
        Data([ended.Single(e => e.Path == "/rooms-only")], otherSecret);
        endedData.GetProperty("roomId").GetString().ShouldBe(room.Id);
        endedData.GetProperty("startedAt").GetDateTimeOffset().ShouldBe(started.GetProperty("startedAt").GetDateTimeOffset());
        endedData.GetProperty("chatMessages").GetInt64().ShouldBe(1);
        endedData.GetProperty("questions").GetInt32().ShouldBe(1);
        receiver.Received.Items.Where(r => r.Path == "/rooms-only").Select(r => r.Type).ShouldBe([WebhookEventTypes.RoomEnded], "an endpoint gets only what it subscribed to");
    }

    private static JsonElement Data(IReadOnlyList<ReceivedWebhook> received, string secret)
    {
        var one = received.ShouldHaveSingleItem();
        new StandardWebhook(secret).Verify(one.Body, one.Headers);
        return one.Data;
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
