using System.Net;
using System.Net.Http.Json;
using LiveRoom.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveRoom.Server.Tests;

public sealed class SecurityTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private LiveRoomTestServer Server => fixture.Server;

    [Theory]
    [InlineData("AnswerQuestion")]
    [InlineData("PinQuestion")]
    [InlineData("DismissQuestion")]
    [InlineData("DeleteMessage")]
    [InlineData("MuteViewer")]
    public async Task AViewerCallingAStaffMethodIsRefused(string method)
    {
        var room = await Server.CreateRoomAsync("staff only").WaitAsync(RoomClient.CallTimeout);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Alice");
        await using var bob = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Bob");
        var question = await alice.AskAsync("Is this real?");
        var message = await alice.SendChatAsync("hello");
        object[] args = method switch
        {
            "AnswerQuestion" => [room.Id, question.Id, "yes"],
            "PinQuestion" => [room.Id, question.Id, true],
            "DismissQuestion" => [room.Id, question.Id],
            "DeleteMessage" => [room.Id, message.Id],
            _ => [room.Id, alice.ParticipantId, true],
        };

        var refused = await Should.ThrowAsync<HubException>(() => bob.Connection.InvokeCoreAsync(method, typeof(object), args).WaitAsync(RoomClient.CallTimeout));

        refused.Message.ShouldContain("not allowed");
        await alice.SendChatAsync("nothing happened to me");
        await bob.Chat.WaitForAsync(m => m.Any(x => x.Text == "nothing happened to me"), "Alice's next message");
        Server.Logs.Lines.ShouldContain(l => l.Contains("called a staff method", StringComparison.Ordinal) && l.Contains(method == "MuteViewer" ? room.Id : room.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AViewerIdentityForOneRoomCannotActInAnother()
    {
        var roomA = await Server.CreateRoomAsync("room A").WaitAsync(RoomClient.CallTimeout);
        var roomB = await Server.CreateRoomAsync("room B").WaitAsync(RoomClient.CallTimeout);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, roomA.Id, "Alice");

        var join = await Should.ThrowAsync<HubException>(() => alice.Connection.InvokeAsync<object>("JoinRoom", roomB.Id).WaitAsync(RoomClient.CallTimeout));
        var chat = await Should.ThrowAsync<HubException>(() => alice.Connection.InvokeAsync<object>("SendChat", roomB.Id, "hi").WaitAsync(RoomClient.CallTimeout));

        join.Message.ShouldContain("another room");
        chat.Message.ShouldContain("another room");
    }

    [Fact]
    public async Task CallsBeforeJoiningTheRoomAreRefused()
    {
        var room = await Server.CreateRoomAsync("join first").WaitAsync(RoomClient.CallTimeout);
        var viewer = await Server.CreateViewerAsync(room.Id, "Alice").WaitAsync(RoomClient.CallTimeout);
        await using var alice = await RoomClient.ConnectAsync(Server, room.Id, viewer.ViewerId, viewer.AccessToken, messagePack: false, join: false);

        (await Should.ThrowAsync<HubException>(() => alice.SendChatAsync("sneaky"))).Message.ShouldContain("Join the room first");
    }

    [Fact]
    public async Task TheHubRefusesConnectionsWithoutAValidToken()
    {
        var room = await Server.CreateRoomAsync("no token").WaitAsync(RoomClient.CallTimeout);
        await using var anonymous = Server.CreateHubConnection("not-a-token");

        var refused = await Should.ThrowAsync<HttpRequestException>(() => anonymous.StartAsync().WaitAsync(RoomClient.CallTimeout));

        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var http = Server.CreateHttpClient();
        using var negotiate = await http.PostAsync("hubs/room/negotiate?negotiateVersion=1", null).WaitAsync(RoomClient.CallTimeout);
        negotiate.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        room.Id.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task BrowserOriginsNotOnTheAllowListCannotReachTheHub()
    {
        var room = await Server.CreateRoomAsync("origins").WaitAsync(RoomClient.CallTimeout);
        var viewer = await Server.CreateViewerAsync(room.Id, "Alice").WaitAsync(RoomClient.CallTimeout);
        using var http = Server.CreateHttpClient(viewer.AccessToken);

        using var foreign = new HttpRequestMessage(HttpMethod.Post, "hubs/room/negotiate?negotiateVersion=1");
        foreign.Headers.Add("Origin", "https://evil.example");
        using var foreignResponse = await http.SendAsync(foreign).WaitAsync(RoomClient.CallTimeout);
        using var own = new HttpRequestMessage(HttpMethod.Post, "hubs/room/negotiate?negotiateVersion=1");
        own.Headers.Add("Origin", Server.BaseAddress.GetLeftPart(UriPartial.Authority));
        using var ownResponse = await http.SendAsync(own).WaitAsync(RoomClient.CallTimeout);

        foreignResponse.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        ownResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        Server.Logs.Lines.ShouldContain(l => l.Contains("https://evil.example", StringComparison.Ordinal));

        // The WebSocket upgrade itself is refused too.
        await using var socket = new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, "hubs/room"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(viewer.AccessToken);
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Headers["Origin"] = "https://evil.example";
            })
            .Build();
        await Should.ThrowAsync<Exception>(() => socket.StartAsync().WaitAsync(RoomClient.CallTimeout));
    }

    [Fact]
    public async Task AccessTokensNeverAppearInTheLogs()
    {
        await using var verbose = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Orleans"] = "Warning",
        }).WaitAsync(TimeSpan.FromSeconds(60));
        var room = await verbose.CreateRoomAsync("quiet logs").WaitAsync(RoomClient.CallTimeout);
        var staffToken = await verbose.LoginAsync().WaitAsync(RoomClient.CallTimeout);
        var viewer = await verbose.CreateViewerAsync(room.Id, "Alice").WaitAsync(RoomClient.CallTimeout);

        // Connect the way a browser does: the token rides in the query string of negotiate and of the WebSocket.
        foreach (var token in new[] { viewer.AccessToken, staffToken })
        {
            using var http = verbose.CreateHttpClient();
            using var negotiate = await http.PostAsync($"hubs/room/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(token)}", null).WaitAsync(RoomClient.CallTimeout);
            negotiate.StatusCode.ShouldBe(HttpStatusCode.OK, "the hub takes the token from the query string");
            using var socket = new System.Net.WebSockets.ClientWebSocket();
            var ws = new UriBuilder(new Uri(verbose.BaseAddress, "hubs/room")) { Scheme = "ws", Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
            await socket.ConnectAsync(ws, CancellationToken.None).WaitAsync(RoomClient.CallTimeout);
            await socket.SendAsync("{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray(), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(RoomClient.CallTimeout);
            var buffer = new byte[1024];
            var handshake = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(RoomClient.CallTimeout);
            System.Text.Encoding.UTF8.GetString(buffer, 0, handshake.Count).ShouldStartWith("{}");
            await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).WaitAsync(RoomClient.CallTimeout);
        }

        verbose.Logs.Lines.Count.ShouldBeGreaterThan(20, "trace logging is on, so the request pipeline has logged plenty");
        verbose.Logs.Lines.ShouldContain(l => l.Contains("/hubs/room", StringComparison.Ordinal), "hub requests are logged, just without their query");
        foreach (var token in new[] { viewer.AccessToken, staffToken })
        {
            var prefix = token.Substring(0, 24);
            var escaped = Uri.EscapeDataString(token).Substring(0, 24);
            verbose.Logs.Lines.ShouldNotContain(l => l.Contains(prefix, StringComparison.Ordinal) || l.Contains(escaped, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task PagesAndApisCarryAContentSecurityPolicyWithoutInlineScript()
    {
        using var http = Server.CreateHttpClient();

        using var response = await http.GetAsync("healthz").WaitAsync(RoomClient.CallTimeout);

        var csp = string.Join(';', response.Headers.GetValues("Content-Security-Policy"));
        csp.ShouldContain("script-src 'self'");
        csp.ShouldNotContain("unsafe-inline");
        csp.ShouldNotContain("unsafe-eval");
        response.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
    }

    [Fact]
    public async Task SignInWithAWrongPasswordIsRefused()
    {
        using var http = Server.CreateHttpClient();

        using var wrong = await http.PostAsJsonAsync("api/auth/login", new { email = Server.AdminEmail, password = "wrong-password" }).WaitAsync(RoomClient.CallTimeout);
        using var unknown = await http.PostAsJsonAsync("api/auth/login", new { email = "nobody@example.com", password = "whatever-123" }).WaitAsync(RoomClient.CallTimeout);

        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("Wrong email or password");
    }

    [Fact]
    public async Task StaffApisRefuseAnonymousCallersViewersAndTheWrongRoles()
    {
        var room = await Server.CreateRoomAsync("roles").WaitAsync(RoomClient.CallTimeout);
        var viewer = await Server.CreateViewerAsync(room.Id, "Alice").WaitAsync(RoomClient.CallTimeout);
        using var admin = Server.CreateHttpClient(await Server.LoginAsync());
        var agentEmail = $"agent-{Guid.NewGuid():N}@test.liveroom";
        using (var created = await admin.PostAsJsonAsync("api/staff", new { email = agentEmail, displayName = "Agent A", password = "agent-password-1", role = "agent" }).WaitAsync(RoomClient.CallTimeout))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using var anonymous = Server.CreateHttpClient();
        using var asViewer = Server.CreateHttpClient(viewer.AccessToken);
        using var asAgent = Server.CreateHttpClient(await Server.LoginAsync(agentEmail, "agent-password-1"));

        (await anonymous.GetAsync("api/rooms")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await asViewer.GetAsync("api/rooms")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await asAgent.GetAsync("api/rooms")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await asAgent.PostAsJsonAsync("api/rooms", new { title = "agent room" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await asAgent.PostAsync($"api/rooms/{room.Id}/end", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await asViewer.GetAsync($"api/rooms/{room.Id}/ingest")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await asAgent.GetAsync("api/staff")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ThePublicRoomViewNeverShowsTheStreamKey()
    {
        var room = await Server.CreateRoomAsync("secret key").WaitAsync(RoomClient.CallTimeout);
        using var anonymous = Server.CreateHttpClient();

        var body = await anonymous.GetStringAsync($"api/rooms/{room.Id}").WaitAsync(RoomClient.CallTimeout);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Alice");

        body.ShouldContain(room.Id);
        body.ShouldNotContain(room.StreamKey);
        body.ShouldNotContain(room.StreamKey[11..]);
        System.Text.Json.JsonSerializer.Serialize(alice.Snapshot).ShouldNotContain(room.StreamKey[11..]);
    }

    [Fact]
    public async Task StaffCanChangeTheirPasswordAndTheOldOneStopsWorking()
    {
        using var admin = Server.CreateHttpClient(await Server.LoginAsync());
        var email = $"host-{Guid.NewGuid():N}@test.liveroom";
        (await admin.PostAsJsonAsync("api/staff", new { email, displayName = "Host", password = "first-password-1", role = "host" })).EnsureSuccessStatusCode();
        using var host = Server.CreateHttpClient(await Server.LoginAsync(email, "first-password-1"));

        using var wrong = await host.PostAsJsonAsync("api/auth/password", new { currentPassword = "not-it", newPassword = "second-password-2" }).WaitAsync(RoomClient.CallTimeout);
        using var tooShort = await host.PostAsJsonAsync("api/auth/password", new { currentPassword = "first-password-1", newPassword = "short" }).WaitAsync(RoomClient.CallTimeout);
        using var changed = await host.PostAsJsonAsync("api/auth/password", new { currentPassword = "first-password-1", newPassword = "second-password-2" }).WaitAsync(RoomClient.CallTimeout);

        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        tooShort.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        changed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var anonymous = Server.CreateHttpClient();
        (await anonymous.PostAsJsonAsync("api/auth/login", new { email, password = "first-password-1" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsJsonAsync("api/auth/login", new { email, password = "second-password-2" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheJobsDashboardIsForSignedInStaffOnly()
    {
        var room = await Server.CreateRoomAsync("jobs").WaitAsync(RoomClient.CallTimeout);
        var viewer = await Server.CreateViewerAsync(room.Id, "Alice").WaitAsync(RoomClient.CallTimeout);
        using var anonymous = Server.CreateHttpClient();
        using var asViewer = Server.CreateHttpClient(viewer.AccessToken);
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = Server.BaseAddress };

        (await anonymous.GetAsync("jobs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await asViewer.GetAsync("jobs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a bearer token does not open browser pages");
        using (var login = await browser.PostAsJsonAsync("api/auth/login", new { email = Server.AdminEmail, password = Server.AdminPassword }).WaitAsync(RoomClient.CallTimeout))
        {
            login.EnsureSuccessStatusCode();
            string.Join(';', login.Headers.GetValues("Set-Cookie")).ShouldContain("httponly", Case.Insensitive);
            string.Join(';', login.Headers.GetValues("Set-Cookie")).ShouldContain("samesite=strict", Case.Insensitive);
        }

        var dashboard = await browser.GetStringAsync("jobs").WaitAsync(RoomClient.CallTimeout);
        dashboard.ShouldContain("LiveRoom jobs");
        (await browser.PostAsync("api/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await browser.GetAsync("jobs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RepeatedSignInAttemptsAreRateLimited()
    {
        await using var strict = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?> { ["LiveRoom:RateLimits:LoginsPerMinute"] = "3" }).WaitAsync(TimeSpan.FromSeconds(60));
        using var http = strict.CreateHttpClient();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 5; i++)
        {
            using var response = await http.PostAsJsonAsync("api/auth/login", new { email = strict.AdminEmail, password = "guess-" + i }).WaitAsync(RoomClient.CallTimeout);
            statuses.Add(response.StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]);
    }

    [Fact]
    public async Task TooManyHubCallsFromOneConnectionAreRefused()
    {
        await using var strict = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["LiveRoom:Hub:CallsPerSecond"] = "1",
            ["LiveRoom:Hub:CallBurst"] = "3",
        }).WaitAsync(TimeSpan.FromSeconds(60));
        var room = await strict.CreateRoomAsync("call rate").WaitAsync(RoomClient.CallTimeout);
        await using var alice = await RoomClient.JoinAsViewerAsync(strict, room.Id, "Alice");

        await alice.UpvoteAsync("1").ShouldThrowAsync<HubException>(); // refused by the room: no such question
        await alice.UpvoteAsync("1").ShouldThrowAsync<HubException>();
        var refused = await Should.ThrowAsync<HubException>(() => alice.UpvoteAsync("1"));

        refused.Message.ShouldContain("Too many requests");
    }
}
