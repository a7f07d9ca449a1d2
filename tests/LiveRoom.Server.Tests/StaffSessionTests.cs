using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRoom.Storage.Staff;
using LiveRoom.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRoom.Server.Tests;

public sealed class StaffSessionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task SigningOutEndsTheTokenTheCookieAndOpenHubConnectionsOfEverySession()
    {
        var room = await Server.CreateRoomAsync("sign-out").WaitAsync(RoomClient.CallTimeout);
        var host = await Server.CreateStaffAsync("host").WaitAsync(RoomClient.CallTimeout);
        using var browser = Server.CreateBrowserClient();
        var browserToken = await browser.SignInAsync(host.Email, host.Password).WaitAsync(RoomClient.CallTimeout);
        var phoneToken = await Server.LoginAsync(host.Email, host.Password).WaitAsync(RoomClient.CallTimeout);
        await using var hub = await RoomClient.JoinAsStaffAsync(Server, room.Id, accessToken: phoneToken);
        var closed = WhenClosed(hub);
        (await browser.GetAsync("jobs").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var phone = Server.CreateHttpClient(phoneToken);
        using var signedOut = await phone.PostAsync("api/auth/logout", null).WaitAsync(RoomClient.CallTimeout);

        signedOut.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await phone.GetAsync("api/auth/me").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the token that signed out");
        using var other = Server.CreateHttpClient(browserToken);
        (await other.GetAsync("api/rooms").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the other device's token");
        (await browser.GetAsync("jobs").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the other device's cookie");
        await closed.WaitAsync(RoomClient.CallTimeout);
        await using var again = Server.CreateHubConnection(phoneToken);
        (await Should.ThrowAsync<HttpRequestException>(() => again.StartAsync().WaitAsync(RoomClient.CallTimeout))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var fresh = Server.CreateHttpClient(await Server.LoginAsync(host.Email, host.Password).WaitAsync(RoomClient.CallTimeout));
        (await fresh.GetAsync("api/auth/me").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.OK, "signing in again works");
    }

    [Fact]
    public async Task ChangingThePasswordEndsEverySession()
    {
        var agent = await Server.CreateStaffAsync("agent").WaitAsync(RoomClient.CallTimeout);
        using var first = Server.CreateHttpClient(await Server.LoginAsync(agent.Email, agent.Password).WaitAsync(RoomClient.CallTimeout));
        using var second = Server.CreateHttpClient(await Server.LoginAsync(agent.Email, agent.Password).WaitAsync(RoomClient.CallTimeout));

        using var changed = await first.PostAsJsonAsync("api/auth/password", new { currentPassword = agent.Password, newPassword = "a-new-password-1" }).WaitAsync(RoomClient.CallTimeout);

        changed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await first.GetAsync("api/auth/me").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await second.GetAsync("api/auth/me").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await Server.LoginAsync(agent.Email, "a-new-password-1").WaitAsync(RoomClient.CallTimeout);
    }

    [Fact]
    public async Task AnAdminCanDisableEnableAndDeleteStaffAndEachEndsTheirSessions()
    {
        var room = await Server.CreateRoomAsync("disable").WaitAsync(RoomClient.CallTimeout);
        var agent = await Server.CreateStaffAsync("agent").WaitAsync(RoomClient.CallTimeout);
        using var admin = Server.CreateHttpClient(await Server.LoginAsync().WaitAsync(RoomClient.CallTimeout));
        var token = await Server.LoginAsync(agent.Email, agent.Password).WaitAsync(RoomClient.CallTimeout);
        await using var hub = await RoomClient.JoinAsStaffAsync(Server, room.Id, accessToken: token);
        var closed = WhenClosed(hub);
        using var asAgent = Server.CreateHttpClient(token);
        using var anonymous = Server.CreateHttpClient();

        (await admin.PostAsync($"api/staff/{agent.Id}/disable", null).WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await asAgent.GetAsync("api/rooms").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await closed.WaitAsync(RoomClient.CallTimeout);
        using (var disabled = await anonymous.PostAsJsonAsync("api/auth/login", new { email = agent.Email, password = agent.Password }).WaitAsync(RoomClient.CallTimeout))
        {
            disabled.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await CodeOf(disabled)).ShouldBe("account_disabled");
        }

        (await ListedAsync(admin, agent.Id)).GetProperty("disabled").GetBoolean().ShouldBeTrue();
        (await admin.PostAsync($"api/staff/{agent.Id}/enable", null).WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var again = Server.CreateHttpClient(await Server.LoginAsync(agent.Email, agent.Password).WaitAsync(RoomClient.CallTimeout));
        (await again.GetAsync("api/rooms").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.DeleteAsync($"api/staff/{agent.Id}").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await again.GetAsync("api/rooms").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsJsonAsync("api/auth/login", new { email = agent.Email, password = agent.Password }).WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await admin.DeleteAsync($"api/staff/{agent.Id}").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AdminsCannotDisableOrDeleteThemselvesAndOtherStaffCannotDoEither()
    {
        var marketer = await Server.CreateStaffAsync("marketer").WaitAsync(RoomClient.CallTimeout);
        var otherAdmin = await Server.CreateStaffAsync("admin").WaitAsync(RoomClient.CallTimeout);
        using var admin = Server.CreateHttpClient(await Server.LoginAsync(otherAdmin.Email, otherAdmin.Password).WaitAsync(RoomClient.CallTimeout));
        using var asMarketer = Server.CreateHttpClient(await Server.LoginAsync(marketer.Email, marketer.Password).WaitAsync(RoomClient.CallTimeout));

        using var disableSelf = await admin.PostAsync($"api/staff/{otherAdmin.Id}/disable", null).WaitAsync(RoomClient.CallTimeout);
        using var deleteSelf = await admin.DeleteAsync($"api/staff/{otherAdmin.Id}").WaitAsync(RoomClient.CallTimeout);
        using var byMarketer = await asMarketer.PostAsync($"api/staff/{otherAdmin.Id}/disable", null).WaitAsync(RoomClient.CallTimeout);

        disableSelf.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await CodeOf(disableSelf)).ShouldBe("own_account");
        deleteSelf.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        byMarketer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.GetAsync("api/auth/me").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnIdleHubConnectionIsClosedWhenItsSessionEndedElsewhere()
    {
        await using var server = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["LiveRoom:Sessions:StampCacheDuration"] = "00:00:01",
        }).WaitAsync(TimeSpan.FromSeconds(60));
        var room = await server.CreateRoomAsync("elsewhere").WaitAsync(RoomClient.CallTimeout);
        var host = await server.CreateStaffAsync("host").WaitAsync(RoomClient.CallTimeout);
        await using var hub = await RoomClient.JoinAsStaffAsync(server, room.Id, accessToken: await server.LoginAsync(host.Email, host.Password).WaitAsync(RoomClient.CallTimeout));
        var closed = WhenClosed(hub);

        // Another node signs the account out: the database changes, this node's cache and connections do not.
        await server.Services.GetRequiredService<IStaffAccounts>().RotateSecurityStampAsync(host.Id).WaitAsync(RoomClient.CallTimeout);

        await closed.WaitAsync(RoomClient.CallTimeout);
    }

    /// <summary>Completes when the server closes the connection.</summary>
    private static Task WhenClosed(RoomClient client)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }

    private static async Task<string?> CodeOf(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    private static async Task<JsonElement> ListedAsync(HttpClient admin, string id)
    {
        using var list = JsonDocument.Parse(await admin.GetStringAsync("api/staff").WaitAsync(RoomClient.CallTimeout));
        return list.RootElement.EnumerateArray().Single(s => s.GetProperty("id").GetString() == id).Clone();
    }
}
