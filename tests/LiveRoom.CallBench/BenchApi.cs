using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRoom.Contracts.Wire;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRoom.CallBench;

/// <summary>The few HTTP calls and hub connections the benchmark needs.</summary>
internal sealed class BenchApi(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public Uri BaseAddress => baseAddress;

    public async Task<string> LoginAsync(string email, string password)
    {
        using var response = await _http.PostAsJsonAsync("api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    public async Task<string> CreateRoomAsync(string adminToken, string title) => (await CreateLiveableRoomAsync(adminToken, title)).Id;

    /// <summary>A new room: its id and where to publish to it (the RTMP URL with the stream key).</summary>
    public async Task<(string Id, string PublishUrl)> CreateLiveableRoomAsync(string adminToken, string title)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/rooms") { Content = JsonContent.Create(new { title }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var ingest = body.RootElement.GetProperty("ingest");
        return (body.RootElement.GetProperty("id").GetString()!, ingest.GetProperty("publishUrl").GetString()!);
    }

    public async Task<string> RoomStatusAsync(string roomId)
    {
        using var body = JsonDocument.Parse(await _http.GetStringAsync($"api/rooms/{roomId}"));
        return body.RootElement.GetProperty("status").GetString()!;
    }

    /// <summary>A staff account (an agent) created by the admin; returns its id, email and password.</summary>
    public async Task<(string Id, string Email, string Password)> CreateAgentAsync(string adminToken, string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@bench.liveroom";
        var password = "bench-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/staff") { Content = JsonContent.Create(new { email, displayName = name, password, role = "agent" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("id").GetString()!, email, password);
    }

    public async Task<(string ViewerId, string Token)> CreateViewerAsync(string roomId, string name)
    {
        using var response = await _http.PostAsJsonAsync($"api/rooms/{roomId}/viewers", new { displayName = name });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("viewerId").GetString()!, body.RootElement.GetProperty("accessToken").GetString()!);
    }

    public HubConnection Hub(string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "hubs/room"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.SkipNegotiation = true;
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            })
            .AddJsonProtocol(json => WireFormat.Configure(json.PayloadSerializerOptions))
            .Build();

    public void Dispose() => _http.Dispose();
}
