using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveRoom.Contracts.Funnel;
using LiveRoom.Contracts.Products;
using LiveRoom.Contracts.Wire;
using LiveRoom.Server.Tests.Calls;
using LiveRoom.Testing;

namespace LiveRoom.Server.Tests.Products;

/// <summary>A room's product list: who keeps it, what a product may hold, its image checked by its bytes and served from the media store.</summary>
public sealed class ProductTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    /// <summary>A real 1×1 PNG.</summary>
    internal static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task StaffKeepARoomsProductsAndTheirImagesAreServedToAnyone()
    {
        var room = await Server.CreateRoomAsync("shop").WaitAsync(RoomClient.CallTimeout);
        using var marketer = await StaffAsync("marketer");

        var added = await AddAsync(marketer, room.Id, new { title = "Tea set", price = "¥199", link = "https://shop.example.com/tea?ref=live", couponCode = "LIVE10" });
        added.Title.ShouldBe("Tea set");
        added.CouponCode.ShouldBe("LIVE10");
        added.ImageUrl.ShouldBeNull("no image yet");

        var withImage = await UploadAsync(marketer, room.Id, added.Id, Png, "application/octet-stream");
        withImage.ImageUrl.ShouldNotBeNull().ShouldStartWith($"/media/products/{room.Id}/");
        using var anonymous = Server.CreateHttpClient();
        using (var image = await anonymous.GetAsync(withImage.ImageUrl.TrimStart('/')).WaitAsync(RoomClient.CallTimeout))
        {
            image.StatusCode.ShouldBe(HttpStatusCode.OK, "a viewer's page loads the image without a token");
            image.Content.Headers.ContentType!.MediaType.ShouldBe("image/png", "the type the bytes are, not the one the client sent");
            (await image.Content.ReadAsByteArrayAsync()).ShouldBe(Png);
        }

        using (var changed = await marketer.PutAsJsonAsync($"api/rooms/{room.Id}/products/{added.Id}", new { title = "Tea set (4 cups)", price = "¥179", link = "http://shop.example.com/tea" }).WaitAsync(RoomClient.CallTimeout))
        {
            changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
            var product = (await changed.Content.ReadFromJsonAsync<Product>(WireFormat.Json))!;
            product.Price.ShouldBe("¥179");
            product.CouponCode.ShouldBeNull("a coupon not sent again is removed");
            product.ImageUrl.ShouldBe(withImage.ImageUrl, "the image stays");
        }

        using var agent = await StaffAsync("agent");
        var list = await agent.GetFromJsonAsync<Product[]>($"api/rooms/{room.Id}/products", WireFormat.Json).WaitAsync(RoomClient.CallTimeout);
        list!.ShouldHaveSingleItem().Title.ShouldBe("Tea set (4 cups)", "every staff member reads the list");

        (await marketer.DeleteAsync($"api/rooms/{room.Id}/products/{added.Id}").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await anonymous.GetAsync(withImage.ImageUrl.TrimStart('/')).WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the image of a product never shown goes with it");
        (await marketer.GetFromJsonAsync<Product[]>($"api/rooms/{room.Id}/products", WireFormat.Json).WaitAsync(RoomClient.CallTimeout))!.ShouldBeEmpty();
        await (await marketer.DeleteAsync($"api/rooms/{room.Id}/products/{added.Id}").WaitAsync(RoomClient.CallTimeout)).ShouldBeRefusedAsync(HttpStatusCode.NotFound, "not_found", "deleted already");
    }

    [Fact]
    public async Task AnImageIsJudgedByItsBytesAndItsSizeWithStableCodes()
    {
        var room = await Server.CreateRoomAsync("images").WaitAsync(RoomClient.CallTimeout);
        using var host = await StaffAsync("host");
        var product = await AddAsync(host, room.Id, new { title = "Lamp", price = "$20", link = "https://shop.example.com/lamp" });

        await (await PutImageAsync(host, room.Id, product.Id, "<html><script>alert(1)</script></html>"u8.ToArray(), "image/png"))
            .ShouldBeRefusedAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_image", "a page labelled as a PNG");
        await (await PutImageAsync(host, room.Id, product.Id, [0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0], "image/gif"))
            .ShouldBeRefusedAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_image", "a GIF is not one of the kinds allowed");
        var tooLarge = new byte[(2 * 1024 * 1024) + 1];
        Png.CopyTo(tooLarge, 0);
        await (await PutImageAsync(host, room.Id, product.Id, tooLarge, "image/png"))
            .ShouldBeRefusedAsync(HttpStatusCode.RequestEntityTooLarge, "image_too_large", "one byte over 2 MiB");

        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, .. "JFIF"u8, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];
        var accepted = await UploadAsync(host, room.Id, product.Id, jpeg, "image/png");
        accepted.ImageUrl.ShouldNotBeNull().EndsWith(".jpg", StringComparison.Ordinal).ShouldBeTrue("a JPEG sent as image/png is kept as the JPEG it is");
        byte[] webp = [.. "RIFF"u8, 4, 0, 0, 0, .. "WEBPVP8 "u8];
        var replaced = await UploadAsync(host, room.Id, product.Id, webp, "image/webp");
        (replaced.ImageUrl == accepted.ImageUrl).ShouldBeFalse("a new image has a new address");
        using var anonymous = Server.CreateHttpClient();
        (await anonymous.GetAsync(accepted.ImageUrl.TrimStart('/')).WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the replaced image was never shown: it is gone");
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("ftp://shop.example.com/item")]
    [InlineData("/item/1")]
    [InlineData("https://user:secret@shop.example.com/")]
    [InlineData("")]
    public async Task ALinkThatIsNotHttpOrHttpsIsRefused(string link)
    {
        var room = await Server.CreateRoomAsync("links").WaitAsync(RoomClient.CallTimeout);
        using var marketer = await StaffAsync("marketer");
        await (await marketer.PostAsJsonAsync($"api/rooms/{room.Id}/products", new { title = "Bad", price = "1", link }).WaitAsync(RoomClient.CallTimeout))
            .ShouldBeRefusedAsync(HttpStatusCode.BadRequest, "bad_link", link);
        var product = await AddAsync(marketer, room.Id, new { title = "Good", price = "1", link = "https://shop.example.com/" });
        await (await marketer.PutAsJsonAsync($"api/rooms/{room.Id}/products/{product.Id}", new { title = "Good", price = "1", link }).WaitAsync(RoomClient.CallTimeout))
            .ShouldBeRefusedAsync(HttpStatusCode.BadRequest, "bad_link", "changing to " + link);
    }

    [Fact]
    public async Task AViewerCannotKeepOrShowProducts()
    {
        var room = await Server.CreateRoomAsync("rights").WaitAsync(RoomClient.CallTimeout);
        using var marketer = await StaffAsync("marketer");
        var product = await AddAsync(marketer, room.Id, new { title = "Mine", price = "1", link = "https://shop.example.com/" });
        var viewer = await Server.CreateViewerAsync(room.Id, "Curious").WaitAsync(RoomClient.CallTimeout);
        using var asViewer = Server.CreateHttpClient(viewer.AccessToken);

        (await asViewer.GetAsync($"api/rooms/{room.Id}/products").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await asViewer.PostAsJsonAsync($"api/rooms/{room.Id}/products", new { title = "X", price = "1", link = "https://x.example/" }).WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await asViewer.PutAsJsonAsync($"api/rooms/{room.Id}/products/{product.Id}", new { title = "X", price = "1", link = "https://x.example/" }).WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PutImageAsync(asViewer, room.Id, product.Id, Png, "image/png")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await asViewer.DeleteAsync($"api/rooms/{room.Id}/products/{product.Id}").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await asViewer.PostAsync($"api/rooms/{room.Id}/products/{product.Id}/show", null).WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var agent = await StaffAsync("agent");
        (await agent.PostAsJsonAsync($"api/rooms/{room.Id}/products", new { title = "X", price = "1", link = "https://x.example/" }).WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "agents show products, they do not keep the list");
        (await marketer.GetFromJsonAsync<Product[]>($"api/rooms/{room.Id}/products", WireFormat.Json).WaitAsync(RoomClient.CallTimeout))!.ShouldHaveSingleItem().Title.ShouldBe("Mine");
    }

    [Fact]
    public async Task AShownProductReachesEveryPageAndStaysOnTheShelfForLateJoiners()
    {
        var room = await Server.CreateRoomAsync("demo").WaitAsync(RoomClient.CallTimeout);
        using var marketer = await StaffAsync("marketer");
        var product = await AddAsync(marketer, room.Id, new { title = "Kettle", price = "¥89", link = "https://shop.example.com/kettle", couponCode = "HOT" });
        await using var early = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Early", messagePack: true).WaitAsync(RoomClient.CallTimeout);
        early.Snapshot!.Shelf.ShouldNotBeNull().ShouldBeEmpty();
        using var agent = await StaffAsync("agent");

        var shown = await ShowAsync(agent, room.Id, product.Id);

        shown.ProductId.ShouldBe(product.Id);
        shown.CouponCode.ShouldBe("HOT");
        (shown.StreamTime - shown.ShownAt).Duration().ShouldBeLessThan(TimeSpan.FromSeconds(1), "a room that is not live has no stream clock of its own");
        var received = (await early.Cards.WaitForAsync(c => c.Count > 0, "the card").WaitAsync(RoomClient.CallTimeout)).ShouldHaveSingleItem();
        received.ShouldBe(shown, "the card as shown, over MessagePack too");
        await using var late = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Late").WaitAsync(RoomClient.CallTimeout);
        late.Snapshot!.Shelf.ShouldNotBeNull().ShouldHaveSingleItem().Id.ShouldBe(shown.Id);
        using var anonymous = Server.CreateHttpClient();
        (await anonymous.GetFromJsonAsync<ProductCard[]>($"api/rooms/{room.Id}/cards", WireFormat.Json).WaitAsync(RoomClient.CallTimeout))!
            .ShouldHaveSingleItem().Id.ShouldBe(shown.Id, "the replay page reads the shelf without an identity");
        var timeline = await marketer.GetFromJsonAsync<FunnelTimeline>($"api/rooms/{room.Id}/funnel/timeline", WireFormat.Json).WaitAsync(RoomClient.CallTimeout);
        var marker = timeline!.Markers.Single(m => m.Kind == "card");
        marker.Label.ShouldBe("Kettle", "the funnel's chart marks the show");
        marker.At.ShouldBe(shown.ShownAt);

        using var admin = await StaffAsync("admin");
        (await admin.PostAsync($"api/rooms/{room.Id}/end", null).WaitAsync(RoomClient.CallTimeout)).EnsureSuccessStatusCode();
        await (await marketer.PostAsync($"api/rooms/{room.Id}/products/{product.Id}/show", null).WaitAsync(RoomClient.CallTimeout))
            .ShouldBeRefusedAsync(HttpStatusCode.Conflict, "room_ended", "the room has ended");
        await (await agent.PostAsync($"api/rooms/{room.Id}/products/pr_nope/show", null).WaitAsync(RoomClient.CallTimeout))
            .ShouldBeRefusedAsync(HttpStatusCode.NotFound, "not_found", "no such product");
    }

    internal static async Task<Product> AddAsync(HttpClient staff, string roomId, object request)
    {
        using var response = await staff.PostAsJsonAsync($"api/rooms/{roomId}/products", request).WaitAsync(RoomClient.CallTimeout);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Product>(WireFormat.Json))!;
    }

    internal static async Task<ProductCard> ShowAsync(HttpClient staff, string roomId, string productId)
    {
        using var response = await staff.PostAsync($"api/rooms/{roomId}/products/{productId}/show", null).WaitAsync(RoomClient.CallTimeout);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ProductCard>(WireFormat.Json))!;
    }

    private static async Task<Product> UploadAsync(HttpClient staff, string roomId, string productId, byte[] content, string contentType)
    {
        using var response = await PutImageAsync(staff, roomId, productId, content, contentType);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Product>(WireFormat.Json))!;
    }

    private static Task<HttpResponseMessage> PutImageAsync(HttpClient staff, string roomId, string productId, byte[] content, string contentType)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return staff.PutAsync($"api/rooms/{roomId}/products/{productId}/image", body).WaitAsync(RoomClient.CallTimeout);
    }

    private async Task<HttpClient> StaffAsync(string role)
    {
        if (role == "admin") return Server.CreateHttpClient(await Server.LoginAsync().WaitAsync(RoomClient.CallTimeout));
        var staff = await Server.CreateStaffAsync(role).WaitAsync(RoomClient.CallTimeout);
        return Server.CreateHttpClient(await Server.LoginAsync(staff.Email, staff.Password).WaitAsync(RoomClient.CallTimeout));
    }
}
