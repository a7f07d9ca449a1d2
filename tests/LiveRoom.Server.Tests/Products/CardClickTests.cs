using System.Net;
using LiveRoom.Contracts.Engagement;
using LiveRoom.Contracts.Webhooks;
using LiveRoom.Server.Tests.Calls;
using LiveRoom.Server.Tests.Webhooks;
using LiveRoom.Storage.Database;
using LiveRoom.Testing;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;

namespace LiveRoom.Server.Tests.Products;

/// <summary>Clicks on product cards: counted per viewer, and pushed to the CRM as <c>card.clicked</c> in batches.</summary>
public sealed class CardClickTests(CardClickServerFixture fixture) : IClassFixture<CardClickServerFixture>
{
    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task ClicksAreCountedPerViewerAndReachTheCrmBatchedNotOneEventPerClick()
    {
        await using var receiver = await WebhookReceiver.StartAsync().WaitAsync(RoomClient.CallTimeout);
        using var admin = await WebhookAdmin.SignInAsync(Server);
        var (_, secret) = await admin.CreateAsync(receiver.Url(), WebhookEventTypes.CardClicked);
        var room = await Server.CreateRoomAsync("sale").WaitAsync(RoomClient.CallTimeout);
        using var staff = Server.CreateHttpClient(await Server.LoginAsync().WaitAsync(RoomClient.CallTimeout));
        var kettle = await ProductTests.AddAsync(staff, room.Id, new { title = "Kettle", price = "¥89", link = "https://shop.example.com/kettle" });
        var mug = await ProductTests.AddAsync(staff, room.Id, new { title = "Mug", price = "¥19", link = "https://shop.example.com/mug" });
        var never = await ProductTests.AddAsync(staff, room.Id, new { title = "Never shown", price = "¥1", link = "https://shop.example.com/never" });
        await ProductTests.ShowAsync(staff, room.Id, kettle.Id);
        await ProductTests.ShowAsync(staff, room.Id, mug.Id);
        var ann = await Server.CreateViewerAsync(room.Id, "Ann").WaitAsync(RoomClient.CallTimeout);
        var bo = await Server.CreateViewerAsync(room.Id, "Bo").WaitAsync(RoomClient.CallTimeout);
        using var asAnn = Server.CreateHttpClient(ann.AccessToken);
        using var asBo = Server.CreateHttpClient(bo.AccessToken);

        await ClickAsync(asAnn, room.Id, kettle.Id);
        await ClickAsync(asAnn, room.Id, kettle.Id);
        await ClickAsync(asAnn, room.Id, mug.Id);
        await ClickAsync(asBo, room.Id, kettle.Id);
        await (await asBo.PostAsync($"api/rooms/{room.Id}/products/{never.Id}/clicks", null).WaitAsync(RoomClient.CallTimeout))
            .ShouldBeRefusedAsync(HttpStatusCode.NotFound, "not_found", "a product never shown has no card to click");
        await (await staff.PostAsync($"api/rooms/{room.Id}/products/{kettle.Id}/clicks", null).WaitAsync(RoomClient.CallTimeout))
            .ShouldBeRefusedAsync(HttpStatusCode.Forbidden, "not_allowed", "staff clicks do not count");

        // Every click arrives, in fewer events than clicks: the four clicks were made well within one 2 s window,
        // so at most two events (one window, or two if a window ended among them).
        var events = await receiver.Received.WaitForAsync(
            all => all.Where(e => e.Type == WebhookEventTypes.CardClicked).Sum(e => e.Data.GetProperty("clicks").GetArrayLength()) >= 4,
            "four clicks in card.clicked events",
            TimeSpan.FromSeconds(CardClickServerFixture.BatchSeconds * 5));
        var batches = events.Where(e => e.Type == WebhookEventTypes.CardClicked).ToArray();
        batches.Length.ShouldBeLessThanOrEqualTo(2, "clicks are batched");
        foreach (var batch in batches)
        {
            new StandardWebhook(secret).Verify(batch.Body, batch.Headers);
            batch.Data.GetProperty("roomId").GetString().ShouldBe(room.Id);
            (batch.Data.GetProperty("to").GetDateTimeOffset() - batch.Data.GetProperty("from").GetDateTimeOffset()).TotalSeconds.ShouldBeInRange(0, CardClickServerFixture.BatchSeconds + 1);
        }

        var clicks = batches.SelectMany(b => b.Data.GetProperty("clicks").EnumerateArray()).ToArray();
        clicks.Length.ShouldBe(4);
        clicks.Count(c => c.GetProperty("productId").GetString() == kettle.Id).ShouldBe(3);
        clicks.Where(c => c.GetProperty("viewerId").GetString() == ann.ViewerId).ShouldAllBe(c => c.GetProperty("viewerName").GetString() == "Ann");
        clicks.Single(c => c.GetProperty("productId").GetString() == mug.Id).GetProperty("title").GetString().ShouldBe("Mug");
        if (batches.Length == 1)
        {
            var totals = batches[0].Data.GetProperty("products").EnumerateArray().ToDictionary(p => p.GetProperty("productId").GetString()!);
            totals[kettle.Id].GetProperty("clicks").GetInt32().ShouldBe(3);
            totals[kettle.Id].GetProperty("viewers").GetInt32().ShouldBe(2, "Ann and Bo");
            totals[mug.Id].GetProperty("clicks").GetInt32().ShouldBe(1);
        }

        // Each viewer's clicks count in their engagement, with the product as the subject.
        await Server.Services.GetRequiredService<IEngagementLog>().FlushAsync().WaitAsync(RoomClient.CallTimeout);
        var counted = await ClickCountsAsync(room.Id);
        counted.ShouldContainKeyAndValue((ann.ViewerId, kettle.Id), 2);
        counted.ShouldContainKeyAndValue((ann.ViewerId, mug.Id), 1);
        counted.ShouldContainKeyAndValue((bo.ViewerId, kettle.Id), 1);
        counted.Count.ShouldBe(3, "the refused clicks are not counted");
    }

    private static async Task ClickAsync(HttpClient viewer, string roomId, string productId)
    {
        using var response = await viewer.PostAsync($"api/rooms/{roomId}/products/{productId}/clicks", null).WaitAsync(RoomClient.CallTimeout);
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    private async Task<Dictionary<(string Viewer, string Product), long>> ClickCountsAsync(string roomId)
    {
        // The grain's one-way count may still be on its way to the log: read until it settles.
        var deadline = DateTime.UtcNow + RoomClient.CallTimeout;
        while (true)
        {
            await Server.Services.GetRequiredService<IEngagementLog>().FlushAsync().WaitAsync(RoomClient.CallTimeout);
            var counts = await ReadClickCountsAsync(roomId);
            if (counts.Values.Sum() >= 4 || DateTime.UtcNow > deadline) return counts;
            await Task.Delay(100);
        }
    }

    private async Task<Dictionary<(string Viewer, string Product), long>> ReadClickCountsAsync(string roomId)
    {
        await using var connection = await Server.Services.GetRequiredService<LiveRoomDatabase>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT viewer_id, subject, SUM(amount) FROM engagement_events WHERE room_id = @roomId AND kind = 'cardClick' GROUP BY viewer_id, subject;";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@roomId";
        parameter.Value = roomId;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<(string, string), long>();
        while (await reader.ReadAsync()) counts[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
        return counts;
    }
}
