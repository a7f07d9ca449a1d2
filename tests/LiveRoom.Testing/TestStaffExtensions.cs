using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveRoom.Testing;

/// <summary>Staff accounts and browser-like clients for tests of sign-in, sessions and staff pages.</summary>
public static class TestStaffExtensions
{
    /// <summary>A new staff account with <paramref name="role"/>, created by the first admin.</summary>
    public static async Task<TestStaff> CreateStaffAsync(this LiveRoomTestServer server, string role, CancellationToken cancellationToken = default)
    {
        var email = $"{role}-{Guid.NewGuid():N}@test.liveroom";
        var password = $"{role}-password-{Guid.NewGuid():N}"[..24];
        using var admin = server.CreateHttpClient(await server.LoginAsync(cancellationToken));
        using var created = await admin.PostAsJsonAsync("api/staff", new { email, displayName = "Staff " + role, password, role }, cancellationToken);
        created.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync(cancellationToken));
        return new TestStaff(body.RootElement.GetProperty("id").GetString()!, email, password, role);
    }

    /// <summary>A client that keeps cookies, as a browser does (the jobs dashboard takes the sign-in cookie).</summary>
    public static HttpClient CreateBrowserClient(this LiveRoomTestServer server) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Signs <paramref name="browser"/> in (setting the staff cookie) and returns the bearer token.</summary>
    public static async Task<string> SignInAsync(this HttpClient browser, string email, string password, CancellationToken cancellationToken = default)
    {
        using var response = await browser.PostAsJsonAsync("api/auth/login", new { email, password }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }
}
