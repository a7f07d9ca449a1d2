using LiveRoom.Contracts.Engagement;
using LiveRoom.Storage.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Products;

/// <summary>
/// Product cards from the live desk to the viewers: staff add a product with its picture in the console and show
/// it; viewers on a phone (in Chinese) and on a desktop see the card, open its link (counted), and find it on
/// the Products tab.
/// </summary>
public sealed class ProductCardsTests(BrowserFixture fixture)
{
    private const string ShopLink = "https://shop.example.com/tea-set";

    [Fact]
    public async Task Staff_add_a_product_with_its_picture_on_the_live_desk_and_show_it_and_viewers_on_a_phone_and_a_desktop_see_the_card_and_open_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = fixture.Server;
        var room = await server.CreateRoomAsync(BrowserFixture.UniqueTitle("Shop"), ct).Limit();
        await using var deskContext = await fixture.NewContextAsync();
        await using var phoneContext = await fixture.NewContextAsync(locale: "zh-CN", phone: true);
        await using var desktopContext = await fixture.NewContextAsync();
        var phone = await ViewerPage.OpenAsync(phoneContext, $"r/{room.Id}");
        await phone.JoinAsync("小王");
        var desktop = await ViewerPage.OpenAsync(desktopContext, $"r/{room.Id}");
        await desktop.JoinAsync("Dana");
        await phone.OpenTabAsync("商品");
        await Expect(phone.Page.Locator(".product-shelf-empty")).ToHaveTextAsync("还没有展示商品。主播展示商品后会出现在这里。");

        var console = await ConsolePage.SignInAsync(deskContext, server);
        var desk = console.Page;
        await desk.GotoAsync($"console#/live/{room.Id}");
        var products = desk.Locator(".desk-products");
        await Expect(products.Locator(".desk-products-message")).ToHaveTextAsync("No products for this room yet. Add one below.");

        // A link that is not http(s) and a file that is not a picture are refused with the server's reasons.
        await products.GetByRole(AriaRole.Button, new() { Name = "Add a product" }).ClickAsync();
        await products.GetByLabel("Title").FillAsync("Ceramic tea set");
        await products.GetByLabel("Price").FillAsync("¥199");
        await products.GetByLabel("Link (http or https)").FillAsync("javascript:alert(1)");
        await products.GetByLabel("Coupon code (optional)").FillAsync("LIVE10");
        await products.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(products.Locator(".inline-error")).ToContainTextAsync("http or https address");
        await products.GetByLabel("Link (http or https)").FillAsync(ShopLink);
        await products.GetByLabel("Image (JPEG, PNG or WebP, at most 2 MiB)").SetInputFilesAsync(new FilePayload { Name = "tea.png", MimeType = "image/png", Buffer = "<svg onload=alert(1)>"u8.ToArray() });
        await products.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(products.Locator(".inline-error")).ToHaveTextAsync("The file is not a JPEG, PNG or WebP image.");
        await Expect(products.Locator(".desk-product")).ToHaveCountAsync(1, new() { Timeout = BrowserFixture.UiTimeoutMs });
        await products.GetByLabel("Image (JPEG, PNG or WebP, at most 2 MiB)").SetInputFilesAsync(new FilePayload { Name = "tea.png", MimeType = "image/png", Buffer = await ProductSetup.PictureAsync() });
        await products.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(products.Locator(".desk-product-form")).ToBeHiddenAsync();
        var item = products.Locator(".desk-product");
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item.Locator("img.desk-product-image")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/media/products/"));
        await Expect(item.Locator(".desk-product-coupon")).ToHaveTextAsync("LIVE10");

        // Shown: the room is not live, so there is no picture to wait for and both pages show the card at once.
        await item.GetByRole(AriaRole.Button, new() { Name = "Show Ceramic tea set to the viewers now" }).ClickAsync();
        await Expect(desk.Locator(".toast")).ToContainTextAsync("Shown to the viewers: Ceramic tea set");
        await Expect(item).ToHaveAttributeAsync("data-shown", "true");
        await desk.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "console-products-desk.png") });

        var phoneCard = phone.Page.Locator(".card-overlay");
        await Expect(phoneCard).ToBeVisibleAsync();
        await Expect(phoneCard.Locator(".product-card-title")).ToHaveTextAsync("Ceramic tea set");
        await Expect(phoneCard.GetByRole(AriaRole.Link, new() { Name = "购买 Ceramic tea set（在新标签页打开）" })).ToHaveAttributeAsync("href", ShopLink);
        await Expect(phone.Page.Locator(".product-shelf .product-card")).ToHaveCountAsync(1);
        await phone.Page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState === \'finished\')").Limit();
        await phone.ScreenshotAsync("viewer-card-phone-zh");
        await phoneCard.GetByRole(AriaRole.Button, new() { Name = "关闭商品卡片" }).ClickAsync();
        await Expect(phoneCard).ToBeHiddenAsync();
        await Expect(phone.Page.Locator(".product-shelf .product-card-title")).ToHaveTextAsync("Ceramic tea set", new() { Timeout = BrowserFixture.UiTimeoutMs });

        var desktopCard = desktop.Page.Locator(".card-overlay");
        await Expect(desktopCard).ToBeVisibleAsync();
        await Expect(desktopCard.Locator(".product-card-price")).ToHaveTextAsync("¥199");
        await desktop.Page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState === \'finished\')").Limit();
        await desktop.ScreenshotAsync("viewer-card-desktop");
        await desktopContext.RouteAsync("https://shop.example.com/**", route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<title>Shop</title>" }));
        var buy = desktopCard.GetByRole(AriaRole.Link, new() { Name = "Buy Ceramic tea set (opens in a new tab)" });
        await buy.FocusAsync();
        var shop = await desktop.Page.RunAndWaitForPopupAsync(() => buy.PressAsync("Enter")).Limit();
        shop.Url.ShouldBe(ShopLink);
        (await shop.EvaluateAsync<bool>("() => window.opener === null").Limit()).ShouldBeTrue("the shop cannot reach back into the room's page");
        await WaitForClicksAsync(room.Id, expected: 1);

        console.Watch.ShouldBeClean();
        phone.Watch.ShouldBeClean();
        desktop.Watch.ShouldBeClean();
    }

    /// <summary>Waits until the room's engagement holds <paramref name="expected"/> card clicks (the grain counts one-way, in batches).</summary>
    private async Task WaitForClicksAsync(string roomId, long expected)
    {
        var deadline = DateTime.UtcNow + Within.Default;
        long counted = 0;
        while (DateTime.UtcNow < deadline)
        {
            await fixture.Server.Services.GetRequiredService<IEngagementLog>().FlushAsync().Limit();
            await using var connection = await fixture.Server.Services.GetRequiredService<LiveRoomDatabase>().OpenAsync().Limit();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(SUM(amount), 0) FROM engagement_events WHERE room_id = @roomId AND kind = 'cardClick';";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@roomId";
            parameter.Value = roomId;
            command.Parameters.Add(parameter);
            counted = Convert.ToInt64(await command.ExecuteScalarAsync().Limit(), System.Globalization.CultureInfo.InvariantCulture);
            if (counted >= expected) break;
            await Task.Delay(200);
        }

        counted.ShouldBe(expected, "the click on the card's link was counted");
    }
}
