using System.Net;
using System.Net.Http.Json;
using LiveRoom.Contracts.Engagement;
using LiveRoom.Server.Tests.Calls;
using LiveRoom.Storage.Database;
using LiveRoom.Testing;
using Microsoft.Extensions.DependencyInjection;
using QRCoder;

namespace LiveRoom.Server.Tests.Channels;

/// <summary>The room's private channel: each viewer's QR code and link count their visit, and the redirect goes only where staff set.</summary>
public sealed class ChannelTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Target = "https://mp.weixin.qq.com/s/example-account";

    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task AViewersScanAndClickAreCountedForThemAndLandOnTheChannel()
    {
        var room = await Server.CreateRoomAsync("private traffic").WaitAsync(RoomClient.CallTimeout);
        using var staff = Server.CreateHttpClient(await Server.LoginAsync().WaitAsync(RoomClient.CallTimeout));
        (await staff.PutAsJsonAsync($"api/rooms/{room.Id}/channel", new { enabled = true, kind = "weChat", url = Target, label = new { en = "Follow us", zh = "关注我们" } })).EnsureSuccessStatusCode();
        var viewer = await Server.CreateViewerAsync(room.Id, "Scanner").WaitAsync(RoomClient.CallTimeout);
        using var asViewer = Server.CreateHttpClient(viewer.AccessToken);

        using var view = JsonDocumentOf(await asViewer.GetStringAsync($"api/rooms/{room.Id}/channel").WaitAsync(RoomClient.CallTimeout));
        var link = view.RootElement.GetProperty("link").GetString()!;
        view.RootElement.GetProperty("kind").GetString().ShouldBe("weChat");
        view.RootElement.GetProperty("label").GetProperty("zh").GetString().ShouldBe("关注我们");
        view.RootElement.ToString().ShouldNotContain(Target, customMessage: "the page gets the counting link, not the address");
        var svg = await asViewer.GetStringAsync($"api/rooms/{room.Id}/channel/qr.svg").WaitAsync(RoomClient.CallTimeout);
        var png = await asViewer.GetByteArrayAsync($"api/rooms/{room.Id}/channel/qr.png").WaitAsync(RoomClient.CallTimeout);
        var qrLink = $"{Server.BaseAddress.ToString().TrimEnd('/')}/go/{await CodeAsync(room.Id, viewer.ViewerId, "qr")}";

        svg.ShouldStartWith("<svg");
        using (var expected = QRCodeGenerator.GenerateQrCode(qrLink, QRCodeGenerator.ECCLevel.M))
        {
            svg.ShouldBe(new SvgQRCode(expected).GetGraphic(8), "the QR code holds the viewer's own scan link");
            png.ShouldBe(new PngByteQRCode(expected).GetGraphic(12));
        }

        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Server.BaseAddress };
        using (var scanned = await anonymous.GetAsync(new Uri(qrLink)).WaitAsync(RoomClient.CallTimeout))
        {
            scanned.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            scanned.Headers.Location!.ToString().ShouldBe(Target);
        }

        using (var clicked = await anonymous.GetAsync(new Uri(link + "?to=https://evil.example/")).WaitAsync(RoomClient.CallTimeout))
        {
            clicked.Headers.Location!.ToString().ShouldBe(Target, "nothing in the request chooses where it goes");
        }

        await Task.Delay(200);
        await Server.Services.GetRequiredService<IEngagementLog>().FlushAsync().WaitAsync(RoomClient.CallTimeout);
        (await VisitsAsync(room.Id, viewer.ViewerId)).ShouldBe(["link", "qr"], ignoreOrder: true);
    }

    [Fact]
    public async Task AnUnknownCodeOrARoomWhoseChannelIsOffRedirectsNowhere()
    {
        var room = await Server.CreateRoomAsync("channel off").WaitAsync(RoomClient.CallTimeout);
        using var staff = Server.CreateHttpClient(await Server.LoginAsync().WaitAsync(RoomClient.CallTimeout));
        (await staff.PutAsJsonAsync($"api/rooms/{room.Id}/channel", new { enabled = true, kind = "link", url = Target })).EnsureSuccessStatusCode();
        var viewer = await Server.CreateViewerAsync(room.Id, "Late").WaitAsync(RoomClient.CallTimeout);
        using var asViewer = Server.CreateHttpClient(viewer.AccessToken);
        using var view = JsonDocumentOf(await asViewer.GetStringAsync($"api/rooms/{room.Id}/channel"));
        var link = new Uri(view.RootElement.GetProperty("link").GetString()!);
        (await staff.PutAsJsonAsync($"api/rooms/{room.Id}/channel", new { enabled = false, kind = "link", url = Target })).EnsureSuccessStatusCode();
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Server.BaseAddress };

        (await anonymous.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("go/abcdefghijkm")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("go/..%2F..%2Fapi")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await (await asViewer.GetAsync($"api/rooms/{room.Id}/channel/qr.svg")).ShouldBeRefusedAsync(HttpStatusCode.NotFound, "not_found", "no channel, no code");
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://files.example/")]
    [InlineData("//evil.example/")]
    [InlineData("https://user:pass@evil.example/")]
    [InlineData("")]
    public async Task OnlyAWebAddressIsAcceptedAsTheChannel(string url)
    {
        var room = await Server.CreateRoomAsync("bad channel").WaitAsync(RoomClient.CallTimeout);
        using var staff = Server.CreateHttpClient(await Server.LoginAsync().WaitAsync(RoomClient.CallTimeout));

        await (await staff.PutAsJsonAsync($"api/rooms/{room.Id}/channel", new { enabled = true, kind = "link", url })).ShouldBeRefusedAsync(HttpStatusCode.BadRequest, "invalid", url);
    }

    [Fact]
    public async Task OnlyMarketingStaffSetTheChannel()
    {
        var room = await Server.CreateRoomAsync("who sets").WaitAsync(RoomClient.CallTimeout);
        var viewer = await Server.CreateViewerAsync(room.Id, "Nosy").WaitAsync(RoomClient.CallTimeout);
        using var asViewer = Server.CreateHttpClient(viewer.AccessToken);
        var agent = await Server.CreateStaffAsync("agent").WaitAsync(RoomClient.CallTimeout);
        using var asAgent = Server.CreateHttpClient(await Server.LoginAsync(agent.Email, agent.Password).WaitAsync(RoomClient.CallTimeout));

        (await asViewer.PutAsJsonAsync($"api/rooms/{room.Id}/channel", new { enabled = true, kind = "link", url = Target })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await asAgent.PutAsJsonAsync($"api/rooms/{room.Id}/channel", new { enabled = true, kind = "link", url = Target })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await asViewer.GetAsync($"api/rooms/{room.Id}/channel/settings")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static System.Text.Json.JsonDocument JsonDocumentOf(string json) => System.Text.Json.JsonDocument.Parse(json);

    private async Task<string> CodeAsync(string roomId, string viewerId, string source)
    {
        await using var connection = await Server.Services.GetRequiredService<LiveRoomDatabase>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT code FROM channel_links WHERE room_id = '{roomId}' AND viewer_id = '{viewerId}' AND source = '{source}';";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string[]> VisitsAsync(string roomId, string viewerId)
    {
        await using var connection = await Server.Services.GetRequiredService<LiveRoomDatabase>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT subject FROM engagement_events WHERE room_id = '{roomId}' AND viewer_id = '{viewerId}' AND kind = 'channelVisit';";
        await using var reader = await command.ExecuteReaderAsync();
        var found = new List<string>();
        while (await reader.ReadAsync()) found.Add(reader.GetString(0));
        return [.. found];
    }
}
