using System.Net.Http.Json;
using LiveRoom.Contracts.Webhooks;
using LiveRoom.Server.Tests.Webhooks;
using LiveRoom.Testing;
using StandardWebhooks;

namespace LiveRoom.Server.Tests.Leads;

/// <summary>Leads reach the CRM: <c>lead.created</c> the first time a viewer leaves details, <c>lead.updated</c> after, call-backs included.</summary>
public sealed class LeadWebhookTests(WebhookServerFixture fixture) : IClassFixture<WebhookServerFixture>
{
    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task ALeadIsPushedToTheCrmWhenCreatedAndAgainWhenUpdatedWithItsConsent()
    {
        await using var receiver = await WebhookReceiver.StartAsync().WaitAsync(RoomClient.CallTimeout);
        using var admin = await WebhookAdmin.SignInAsync(Server);
        var (_, secret) = await admin.CreateAsync(receiver.Url(), WebhookEventTypes.LeadCreated, WebhookEventTypes.LeadUpdated);
        var room = await Server.CreateRoomAsync("crm hand-off").WaitAsync(RoomClient.CallTimeout);
        var viewer = await Server.CreateViewerAsync(room.Id, "Gao").WaitAsync(RoomClient.CallTimeout);
        using var asViewer = Server.CreateHttpClient(viewer.AccessToken);

        (await asViewer.PostAsJsonAsync($"api/rooms/{room.Id}/leads", new { name = "Gao", phone = "13800138005", consent = true, locale = "zh" })).EnsureSuccessStatusCode();
        (await asViewer.PostAsJsonAsync($"api/rooms/{room.Id}/callbacks", new { name = "Gao", email = "gao@example.com", topic = "loans", consent = true })).EnsureSuccessStatusCode();

        var created = (await receiver.WaitForAsync(WebhookEventTypes.LeadCreated)).ShouldHaveSingleItem();
        new StandardWebhook(secret).Verify(created.Body, created.Headers);
        created.Data.GetProperty("roomId").GetString().ShouldBe(room.Id);
        created.Data.GetProperty("viewerId").GetString().ShouldBe(viewer.ViewerId);
        created.Data.GetProperty("phone").GetString().ShouldBe("+8613800138005", "the CRM gets the number to call");
        created.Data.GetProperty("consent").GetProperty("text").GetString().ShouldBe("我同意本场直播的主办方保存以上信息，并就我的咨询与我联系。");
        var updated = (await receiver.WaitForAsync(WebhookEventTypes.LeadUpdated)).ShouldHaveSingleItem();
        new StandardWebhook(secret).Verify(updated.Body, updated.Headers);
        updated.Data.GetProperty("id").GetString().ShouldBe(created.Data.GetProperty("id").GetString(), "the same lead");
        updated.Data.GetProperty("email").GetString().ShouldBe("gao@example.com");
        updated.Data.GetProperty("source").GetString().ShouldBe("form", "where the lead first came from");
    }
}
