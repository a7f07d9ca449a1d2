using System.Net;
using System.Net.Http.Json;
using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Wire;
using LiveRoom.Testing;

namespace LiveRoom.Server.Tests.Calls;

/// <summary>Call-backs: a viewer leaves their details, agents see them and mark them done.</summary>
public sealed class CallBackTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task AViewerLeavesTheirDetailsOnceAndAnAgentMarksThemDone()
    {
        var room = await Server.CreateRoomAsync("call me back").WaitAsync(RoomClient.CallTimeout);
        var viewer = await Server.CreateViewerAsync(room.Id, "Lin").WaitAsync(RoomClient.CallTimeout);
        using var asViewer = Server.CreateHttpClient(viewer.AccessToken);

        var first = await PostAsync(asViewer, room.Id, new { name = "Lin", phone = "138 0013 8000", preferredTime = "after 6 pm", topic = "car insurance", consent = true });
        var again = await PostAsync(asViewer, room.Id, new { name = "Lin Wei", email = "lin@example.com", phone = "+86 138 0013 8000", consent = true });

        first.Phone.ShouldBe("+8613800138000");
        again.Id.ShouldBe(first.Id, "one open call-back per viewer and room");
        again.Name.ShouldBe("Lin Wei");
        again.Email.ShouldBe("lin@example.com");
        var staffToken = await Server.LoginAsync().WaitAsync(RoomClient.CallTimeout);
        using var staff = Server.CreateHttpClient(staffToken);
        var open = await staff.GetFromJsonAsync<CallBack[]>($"api/callbacks?roomId={room.Id}&status=open", WireFormat.Json);
        open!.Single().ViewerId.ShouldBe(viewer.ViewerId);

        using var done = await staff.PostAsJsonAsync($"api/callbacks/{first.Id}/done", new { note = "Called, sent a quote." });
        done.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staff.GetFromJsonAsync<CallBack[]>($"api/callbacks?roomId={room.Id}&status=open", WireFormat.Json))!.ShouldBeEmpty();
        var closed = (await staff.GetFromJsonAsync<CallBack[]>($"api/callbacks?roomId={room.Id}&status=done", WireFormat.Json))!.Single();
        closed.Note.ShouldBe("Called, sent a quote.");
        closed.DoneAt.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("""{"name":"A","phone":"12","consent":true}""", "invalid")]
    [InlineData("""{"name":"A","email":"not an address","consent":true}""", "invalid")]
    [InlineData("""{"name":"A","phone":"13800138000","consent":false}""", "invalid")]
    [InlineData("""{"name":"A","consent":true}""", "invalid")]
    [InlineData("""{"name":"","phone":"13800138000","consent":true}""", "invalid")]
    public async Task DetailsWeCannotUseAreRefusedWithAReason(string body, string code)
    {
        var room = await Server.CreateRoomAsync("bad details").WaitAsync(RoomClient.CallTimeout);
        var viewer = await Server.CreateViewerAsync(room.Id, "Bad").WaitAsync(RoomClient.CallTimeout);
        using var asViewer = Server.CreateHttpClient(viewer.AccessToken);

        using var response = await asViewer.PostAsync($"api/rooms/{room.Id}/callbacks", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain($"\"code\":\"{code}\"");
    }

    [Fact]
    public async Task OnlyTheRoomsViewersAskAndOnlyAgentsRead()
    {
        var room = await Server.CreateRoomAsync("who may").WaitAsync(RoomClient.CallTimeout);
        var other = await Server.CreateRoomAsync("elsewhere").WaitAsync(RoomClient.CallTimeout);
        var stranger = await Server.CreateViewerAsync(other.Id, "Stranger").WaitAsync(RoomClient.CallTimeout);
        using var asStranger = Server.CreateHttpClient(stranger.AccessToken);
        using var anonymous = Server.CreateHttpClient();

        (await asStranger.PostAsJsonAsync($"api/rooms/{room.Id}/callbacks", new { name = "X", phone = "13800138000", consent = true })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await anonymous.PostAsJsonAsync($"api/rooms/{room.Id}/callbacks", new { name = "X", phone = "13800138000", consent = true })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await asStranger.GetAsync("api/callbacks")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static async Task<CallBack> PostAsync(HttpClient client, string roomId, object body)
    {
        using var response = await client.PostAsJsonAsync($"api/rooms/{roomId}/callbacks", body).WaitAsync(RoomClient.CallTimeout);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CallBack>(WireFormat.Json))!;
    }
}
