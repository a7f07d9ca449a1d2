using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRoom.Testing;

namespace LiveRoom.EndToEnd.Tests.Products;

/// <summary>Products made through the real API, with a real picture drawn by ffmpeg, and shown as a host would.</summary>
internal static class ProductSetup
{
    /// <summary>A product with a 240×240 PNG (ffmpeg's test pattern); its id.</summary>
    public static async Task<string> AddAsync(HttpClient staff, string roomId, string title, string price, string link, string? coupon)
    {
        using var added = await staff.PostAsJsonAsync($"api/rooms/{roomId}/products", new { title, price, link, couponCode = coupon }).Limit();
        added.EnsureSuccessStatusCode();
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>().Limit()).GetProperty("id").GetString()!;
        using var body = new ByteArrayContent(await PictureAsync());
        body.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var uploaded = await staff.PutAsync($"api/rooms/{roomId}/products/{id}/image", body).Limit();
        uploaded.EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>A 240×240 PNG of ffmpeg's test pattern.</summary>
    public static async Task<byte[]> PictureAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"liveroom-picture-{Guid.NewGuid():N}.png");
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=240x240:rate=1", "-frames:v", "1", "-y", path })
        {
            start.ArgumentList.Add(argument);
        }

        using (var ffmpeg = Process.Start(start)!)
        {
            var errors = ffmpeg.StandardError.ReadToEndAsync();
            await ffmpeg.WaitForExitAsync().Limit();
            ffmpeg.ExitCode.ShouldBe(0, await errors.Limit());
        }

        try
        {
            return await File.ReadAllBytesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Shows the product; the card as the server stamped it.</summary>
    public static async Task<JsonElement> ShowAsync(HttpClient staff, string roomId, string productId)
    {
        using var shown = await staff.PostAsync($"api/rooms/{roomId}/products/{productId}/show", null).Limit();
        shown.EnsureSuccessStatusCode();
        return await shown.Content.ReadFromJsonAsync<JsonElement>().Limit();
    }

    public static async Task<HttpClient> StaffAsync(LiveRoomTestServer server, CancellationToken ct) =>
        server.CreateHttpClient(await server.LoginAsync(ct).Limit());
}
