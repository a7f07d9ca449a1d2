using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveRoom.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Products;

/// <summary>
/// Product cards follow the picture, not the server: two real viewer pages play a real ffmpeg live, one at the
/// live edge and one held 5 s behind it; the host shows a product once; each page shows the card when its
/// player reaches that moment, and the replay shows it at the same moment of the recording.
/// </summary>
public sealed partial class CardTimingTests(BrowserFixture fixture)
{
    private const int PublishSeconds = 40;
    private static readonly TimeSpan Behind = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_card_appears_when_each_players_picture_reaches_the_moment_it_was_shown_and_at_the_same_moment_of_the_replay()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = fixture.Server;
        var room = await server.CreateRoomAsync(BrowserFixture.UniqueTitle("Cards"), ct).Limit();
        using var staff = await ProductSetup.StaffAsync(server, ct);
        var productId = await ProductSetup.AddAsync(staff, room.Id, "Ceramic tea set", "¥199", "https://shop.example.com/tea", "LIVE10");

        await using var publisher = FfmpegPublisher.Start(server.PublishUrl(room.StreamKey), PublishSeconds, width: 320, height: 240, fps: 15);
        await using var edgeContext = await fixture.NewContextAsync();
        var edge = await ViewerPage.OpenAsync(edgeContext, $"r/{room.Id}");
        await edge.JoinAsync("Edge");
        await using var lateContext = await fixture.NewContextAsync(phone: true);
        await using var delayed = new DelayedPlaylists(server, Behind);
        await lateContext.RouteAsync("**/index.m3u8", delayed.ServeAsync);
        var late = await ViewerPage.OpenAsync(lateContext, $"r/{room.Id}");
        await late.JoinAsync("Late");
        foreach (var viewer in new[] { edge, late })
        {
            await Expect(viewer.VideoArea).ToHaveAttributeAsync("data-engine", "hls", new() { Timeout = 30_000 });
            await viewer.WaitForPlaybackAsync(0, timeoutMs: 40_000, advancedBy: 2);
        }

        // A third page watches the low-latency HTTP-FLV stream, whose clock cues say when each frame reached the server.
        await using var quickContext = await fixture.NewContextAsync();
        var quick = await ViewerPage.OpenAsync(quickContext, $"r/{room.Id}");
        await quick.JoinAsync("Quick");
        await quick.Page.GetByRole(AriaRole.Button, new() { Name = "Low latency" }).ClickAsync();
        await Expect(quick.VideoArea).ToHaveAttributeAsync("data-engine", "flv");
        await quick.WaitForPlaybackAsync(0, timeoutMs: 30_000, advancedBy: 2);
        await Expect(quick.VideoArea).ToHaveAttributeAsync("data-playing-clock", "server");

        var edgeLatency = await PlayingBehindAsync(edge);
        var lateLatency = await PlayingBehindAsync(late);
        (lateLatency - edgeLatency).ShouldBeInRange(Behind.TotalSeconds - 1.5, Behind.TotalSeconds + 1.5, $"the held page plays about {Behind.TotalSeconds} s behind (edge {edgeLatency:0.0} s, late {lateLatency:0.0} s)");

        var shownBefore = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var card = await ProductSetup.ShowAsync(staff, room.Id, productId);
        var cardId = card.GetProperty("id").GetString()!;

        var edgeAt = await CardReachedAsync(edge, cardId);
        var lateAt = await CardReachedAsync(late, cardId);
        var quickAt = await CardReachedAsync(quick, cardId);
        var apart = (lateAt - edgeAt) / 1000.0;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"edge plays {edgeLatency:0.00} s behind, late {lateLatency:0.00} s; card shown at +0, edge saw it at +{(edgeAt - shownBefore) / 1000.0:0.00} s, late at +{(lateAt - shownBefore) / 1000.0:0.00} s ({apart:0.00} s apart), HTTP-FLV at +{(quickAt - shownBefore) / 1000.0:0.00} s; stream clock {(card.GetProperty("streamTime").GetDateTimeOffset() - card.GetProperty("shownAt").GetDateTimeOffset()).TotalMilliseconds:0} ms from the server's");
        // The held page is 5 s behind plus what its player adds at a stale edge (a few hundred ms): the card follows each
        // page's own picture, so the gap between the pages' cards is the gap between their pictures.
        apart.ShouldBeInRange(lateLatency - edgeLatency - 1, lateLatency - edgeLatency + 1, $"the held page shows the card as much later as its picture is behind (edge after {(edgeAt - shownBefore) / 1000.0:0.00} s, late after {(lateAt - shownBefore) / 1000.0:0.00} s)");
        apart.ShouldBeInRange(Behind.TotalSeconds - 1, Behind.TotalSeconds + 1.5, "about 5 s later");
        ((edgeAt - shownBefore) / 1000.0).ShouldBeInRange(0, edgeLatency + 1.5, "the page at the edge shows it when its picture reaches the moment it was shown, not before");
        // Each page put the card up when its own picture was at the moment it was shown: HLS on the playlists'
        // clock (streamTime), HTTP-FLV on the server's (shownAt, through the relay's clock cues).
        var streamMoment = card.GetProperty("streamTime").GetDateTimeOffset().ToUnixTimeMilliseconds();
        var shownMoment = card.GetProperty("shownAt").GetDateTimeOffset().ToUnixTimeMilliseconds();
        foreach (var (viewer, clock, moment) in new[] { (edge, "stream", streamMoment), (late, "stream", streamMoment), (quick, "server", shownMoment) })
        {
            var overlay = viewer.Page.Locator(".card-overlay");
            (await overlay.GetAttributeAsync("data-reached-clock").Limit()).ShouldBe(clock);
            var position = long.Parse((await overlay.GetAttributeAsync("data-reached-position").Limit())!, CultureInfo.InvariantCulture);
            ((position - moment) / 1000.0).ShouldBeInRange(0, 0.6, $"the picture on the {clock} clock had just reached the card's moment");
        }

        ((quickAt - shownBefore) / 1000.0).ShouldBeInRange(0, 2.5, "the low-latency page shows it about when the host showed it");
        await Expect(late.Page.Locator(".card-overlay .product-card-title")).ToHaveTextAsync("Ceramic tea set");
        await Expect(late.Page.Locator(".card-overlay .product-card-coupon code")).ToHaveTextAsync("LIVE10");
        await late.Page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState === \'finished\')").Limit();
        await late.ScreenshotAsync("viewer-card-phone");

        // Any HLS player sees the card: the media playlists date it beside their program date-times.
        var streamTime = card.GetProperty("streamTime").GetDateTimeOffset();
        var playlist = await MediaPlaylistAsync(room.Id, ct);
        var range = DateRange().Match(playlist);
        range.Success.ShouldBeTrue(playlist);
        range.Groups["id"].Value.ShouldBe("card-" + cardId);
        range.Groups["product"].Value.ShouldBe(productId);
        DateTimeOffset.Parse(range.Groups["start"].Value, CultureInfo.InvariantCulture).ShouldBe(streamTime, TimeSpan.FromMilliseconds(1));
        playlist.ShouldContain("#EXT-X-PROGRAM-DATE-TIME:");

        // The replay: the card appears as the playhead passes its moment in the recording.
        await publisher.WaitAsync(TimeSpan.FromSeconds(PublishSeconds + 40)).Limit(TimeSpan.FromSeconds(PublishSeconds + 45));
        using (var ended = await staff.PostAsync($"api/rooms/{room.Id}/end", null, ct).Limit()) ended.EnsureSuccessStatusCode();
        var recording = await WaitForRecordingAsync(room.Id, TimeSpan.FromSeconds(120), ct);
        var segment = recording.GetProperty("segments")[0];
        var expected = segment.GetProperty("offsetSeconds").GetDouble()
            + (card.GetProperty("shownAt").GetDateTimeOffset() - segment.GetProperty("startedAt").GetDateTimeOffset()).TotalSeconds;
        await Expect(edge.VideoArea).ToHaveAttributeAsync("data-mode", "replay", new() { Timeout = 30_000 });
        await edge.Video.EvaluateAsync("(v, at) => { v.muted = true; v.currentTime = Math.max(0, at - 3); }", expected).Limit();
        await Expect(edge.Page.Locator(".card-overlay")).ToBeHiddenAsync();
        await edge.Video.EvaluateAsync("v => v.play()").Limit();
        var replayedAt = await edge.Page.WaitForFunctionAsync(
            "id => { const o = document.querySelector('.card-overlay'); return o && !o.hidden && o.dataset.cardId === id ? document.querySelector('.stage-main video').currentTime : null; }",
            cardId,
            new() { Timeout = 20_000, PollingInterval = 50 }).Limit();
        (await replayedAt.JsonValueAsync<double>()).ShouldBeInRange(expected - 0.3, expected + 1, "the replay shows the card at the moment of the recording it was shown at");
        await edge.OpenTabAsync("Products");
        await Expect(edge.Page.Locator(".product-shelf .product-card")).ToHaveCountAsync(1);

        edge.Watch.ShouldBeClean();
        late.Watch.ShouldBeClean();
        quick.Watch.ShouldBeClean();
    }

    /// <summary>When the page put the card over its video (its own clock, which both pages share on this machine).</summary>
    private static async Task<long> CardReachedAsync(ViewerPage viewer, string cardId)
    {
        var overlay = viewer.Page.Locator($".card-overlay[data-card-id='{cardId}']");
        await Expect(overlay).ToBeVisibleAsync(new() { Timeout = 30_000 });
        return long.Parse((await overlay.GetAttributeAsync("data-reached-at").Limit())!, CultureInfo.InvariantCulture);
    }

    /// <summary>How far the page's picture is behind the server's clock, by the program date-time hls.js plays.</summary>
    private static async Task<double> PlayingBehindAsync(ViewerPage viewer) =>
        await viewer.Page.EvaluateAsync<double>("() => (Date.now() - Number(document.querySelector('.stage-main section.video').dataset.playingDate)) / 1000").Limit();

    private async Task<string> MediaPlaylistAsync(string roomId, CancellationToken ct)
    {
        using var http = fixture.Server.CreateHttpClient();
        var master = await http.GetStringAsync($"live/{roomId}/master.m3u8", ct).Limit();
        var first = master.Split('\n').Select(l => l.Trim()).First(l => l.EndsWith(".m3u8", StringComparison.Ordinal));
        return await http.GetStringAsync($"live/{roomId}/{first}", ct).Limit();
    }

    private async Task<JsonElement> WaitForRecordingAsync(string roomId, TimeSpan timeout, CancellationToken ct)
    {
        using var http = fixture.Server.CreateHttpClient();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var room = await http.GetFromJsonAsync<JsonElement>($"api/rooms/{roomId}", ct).Limit();
            if (room.TryGetProperty("recording", out var recording) && recording.ValueKind == JsonValueKind.Object) return recording;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No recording of room {roomId} after {timeout}: {room}");
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }

    [GeneratedRegex(@"#EXT-X-DATERANGE:ID=""(?<id>[^""]+)"",CLASS=""com\.liveroom\.card"",START-DATE=""(?<start>[^""]+)"",X-PRODUCT-ID=""(?<product>[^""]+)""")]
    private static partial Regex DateRange();
}
