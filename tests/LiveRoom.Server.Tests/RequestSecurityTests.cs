using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LiveRoom.Server.Security;
using LiveRoom.Testing;

namespace LiveRoom.Server.Tests;

public sealed partial class RequestSecurityTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Negotiate = "hubs/room/negotiate?negotiateVersion=1";

    private LiveRoomTestServer Server => fixture.Server;

    /// <summary>A request as a browser page on another site (or under another name) would send it: POST for the hub's negotiation, GET otherwise.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string path, string? host = null, string? origin = null)
    {
        using var request = new HttpRequestMessage(path == Negotiate ? HttpMethod.Post : HttpMethod.Get, path);
        if (host is not null) request.Headers.Host = host;
        if (origin is not null) request.Headers.Add("Origin", origin);
        return await http.SendAsync(request).WaitAsync(RoomClient.CallTimeout);
    }

    [Fact]
    public async Task AForeignHostHeaderIsRefusedSoADnsRebindingPageCannotReachTheHub()
    {
        var room = await Server.CreateRoomAsync("rebinding").WaitAsync(RoomClient.CallTimeout);
        var viewer = await Server.CreateViewerAsync(room.Id, "Alice").WaitAsync(RoomClient.CallTimeout);
        using var http = Server.CreateHttpClient(viewer.AccessToken);

        using var reboundResponse = await SendAsync(http, Negotiate, host: "evil.test", origin: "http://evil.test");
        using var pageResponse = await SendAsync(http, "healthz", host: $"evil.test:{Server.BaseAddress.Port}");
        using var localhostResponse = await SendAsync(http, Negotiate, host: $"localhost:{Server.BaseAddress.Port}", origin: $"http://localhost:{Server.BaseAddress.Port}");
        using var otherPortResponse = await SendAsync(http, Negotiate, origin: "http://127.0.0.1:1");

        reboundResponse.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        pageResponse.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        localhostResponse.StatusCode.ShouldBe(HttpStatusCode.OK, "loopback names reach a server listening on loopback");
        otherPortResponse.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "another port on the same host is another origin");
    }

    [Fact]
    public async Task ConfiguredPublicUrlsAreTheOnlyForeignHostsAndOriginsTheServerAnswersAndTheirHttpsMakesCookiesSecure()
    {
        await using var server = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["LiveRoom:PublicUrls:0"] = "https://live.example.com",
        }).WaitAsync(TimeSpan.FromSeconds(60));
        var room = await server.CreateRoomAsync("public urls").WaitAsync(RoomClient.CallTimeout);
        var viewer = await server.CreateViewerAsync(room.Id, "Alice").WaitAsync(RoomClient.CallTimeout);
        using var http = server.CreateHttpClient(viewer.AccessToken);

        using var proxiedResponse = await SendAsync(http, Negotiate, host: "live.example.com", origin: "https://live.example.com");
        using var otherResponse = await SendAsync(http, "healthz", host: "other.example.com");
        using var login = await http.PostAsJsonAsync("api/auth/login", new { email = server.AdminEmail, password = server.AdminPassword }).WaitAsync(RoomClient.CallTimeout);

        proxiedResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        otherResponse.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        login.EnsureSuccessStatusCode();
        string.Join(';', login.Headers.GetValues("Set-Cookie")).ShouldContain("secure", Case.Insensitive);
    }

    [Fact]
    public void AWildcardListeningAddressAnswersToLoopbackAndThisMachinesNamesAndAddresses()
    {
        string[] machine = ["10.1.2.3", "[fd00::5]", "studio-pc"];

        ServerOrigins.HostsFor("http://0.0.0.0:5080", machine).ShouldBe(["localhost", "127.0.0.1", "[::1]", "10.1.2.3", "[fd00::5]", "studio-pc"], ignoreOrder: true);
        ServerOrigins.HostsFor("http://[::]:5080", machine).ShouldContain("10.1.2.3");
        ServerOrigins.HostsFor("http://+:5080", machine).ShouldContain("studio-pc");
        ServerOrigins.HostsFor("http://127.0.0.1:0", machine).ShouldBe(["localhost", "127.0.0.1", "[::1]"], ignoreOrder: true);
        ServerOrigins.HostsFor("http://192.168.1.20:5080", machine).ShouldBe(["192.168.1.20"]);
    }

    [Fact]
    public async Task MetricsAreForLoopbackByDefault()
    {
        using var http = Server.CreateHttpClient();

        using var response = await http.GetAsync("metrics").WaitAsync(RoomClient.CallTimeout);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ForwardedAddressesAreBelievedOnlyFromTrustedProxies()
    {
        // Without trusted proxies a client cannot claim another address by sending the header itself.
        using (var direct = Server.CreateHttpClient())
        {
            direct.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
            using var claimed = await direct.GetAsync("metrics").WaitAsync(RoomClient.CallTimeout);
            claimed.StatusCode.ShouldBe(HttpStatusCode.OK, "the header is ignored: the peer is loopback");
        }

        // Behind a proxy on the same machine, the client it forwards is not loopback.
        await using var proxied = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["LiveRoom:Security:TrustedProxies:0"] = "127.0.0.1",
        }).WaitAsync(TimeSpan.FromSeconds(60));
        using var viaProxy = proxied.CreateHttpClient();
        viaProxy.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        using var forwarded = await viaProxy.GetAsync("metrics").WaitAsync(RoomClient.CallTimeout);
        using var plain = proxied.CreateHttpClient();
        using var proxyItself = await plain.GetAsync("metrics").WaitAsync(RoomClient.CallTimeout);

        forwarded.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a client forwarded by the proxy from outside may not read /metrics");
        proxyItself.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task MetricsAreRefusedOutsideTheAllowedNetworksWithoutTheScrapeToken()
    {
        await using var server = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["LiveRoom:Metrics:AllowedNetworks"] = "10.0.0.0/8",
            ["LiveRoom:Metrics:ScrapeToken"] = "scrape-token-for-tests",
        }).WaitAsync(TimeSpan.FromSeconds(60));
        using var anonymous = server.CreateHttpClient();
        using var wrongToken = server.CreateHttpClient("not-the-scrape-token");
        using var scraper = server.CreateHttpClient("scrape-token-for-tests");

        using var refused = await anonymous.GetAsync("metrics").WaitAsync(RoomClient.CallTimeout);
        using var wrong = await wrongToken.GetAsync("metrics").WaitAsync(RoomClient.CallTimeout);
        using var scraped = await scraper.GetAsync("metrics").WaitAsync(RoomClient.CallTimeout);

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        wrong.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        scraped.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await scraped.Content.ReadAsStringAsync()).ShouldContain("liveroom_");
    }

    [Fact]
    public async Task TheJobsDashboardIsReadOnlyButForAdminsAndItsActionsNeedAnAntiforgeryToken()
    {
        var marketer = await Server.CreateStaffAsync("marketer").WaitAsync(RoomClient.CallTimeout);
        using var asMarketer = Server.CreateBrowserClient();
        await asMarketer.SignInAsync(marketer.Email, marketer.Password).WaitAsync(RoomClient.CallTimeout);
        using var asAdmin = Server.CreateBrowserClient();
        await asAdmin.SignInAsync(Server.AdminEmail, Server.AdminPassword).WaitAsync(RoomClient.CallTimeout);
        const string requeue = "jobs/jobs/actions/requeue/no-such-job";

        var marketerToken = await AntiforgeryTokenAsync(asMarketer);
        var adminToken = await AntiforgeryTokenAsync(asAdmin);
        using var marketerWithout = await asMarketer.PostAsync(requeue, null).WaitAsync(RoomClient.CallTimeout);
        using var marketerWith = await PostWithTokenAsync(asMarketer, requeue, marketerToken);
        using var adminWithout = await asAdmin.PostAsync(requeue, null).WaitAsync(RoomClient.CallTimeout);
        using var adminWith = await PostWithTokenAsync(asAdmin, requeue, adminToken);

        marketerWithout.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "no anti-forgery token");
        marketerWith.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the dashboard is read-only for a marketer");
        adminWithout.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "no anti-forgery token");
        ((int)adminWith.StatusCode).ShouldBe(422, "an admin's requeue is carried out (there is no such job to requeue)");
    }

    private static async Task<(string Header, string Token)> AntiforgeryTokenAsync(HttpClient browser)
    {
        var page = await browser.GetStringAsync("jobs").WaitAsync(RoomClient.CallTimeout);
        var header = AntiforgeryHeader().Match(page);
        var token = AntiforgeryToken().Match(page);
        header.Success.ShouldBeTrue("the dashboard page names the anti-forgery header");
        token.Success.ShouldBeTrue("the dashboard page carries an anti-forgery token");
        return (WebUtility.HtmlDecode(header.Groups[1].Value), WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    private static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient browser, string path, (string Header, string Token) antiforgery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add(antiforgery.Header, antiforgery.Token);
        return await browser.SendAsync(request).WaitAsync(RoomClient.CallTimeout);
    }

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryHeader();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
