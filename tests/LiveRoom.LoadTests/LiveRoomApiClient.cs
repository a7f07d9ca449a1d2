using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRoom.Contracts.Wire;

namespace LiveRoom.LoadTests;

/// <summary>The few HTTP calls the load tool makes (see docs/PROTOCOL.md).</summary>
internal sealed class LiveRoomApiClient : IDisposable
{
    private readonly HttpClient _http;

    public LiveRoomApiClient(Uri serverUrl, HttpMessageHandler handler)
    {
        _http = new HttpClient(handler) { BaseAddress = serverUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task<string> LoginAsync(string email, string password, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("api/auth/login", new LoginRequest(email, password), WireFormat.Json, cancellationToken);
        await EnsureSuccessAsync(response, "log in", cancellationToken);
        var login = await response.Content.ReadFromJsonAsync<LoginResponse>(WireFormat.Json, cancellationToken);
        return login?.AccessToken ?? throw new InvalidOperationException("The login answer carries no accessToken.");
    }

    public async Task<string> CreateRoomAsync(string staffToken, string title, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/rooms")
        {
            Content = JsonContent.Create(new CreateRoomRequest(title), options: WireFormat.Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", staffToken);
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, "create a room", cancellationToken);
        var room = await response.Content.ReadFromJsonAsync<CreatedRoom>(WireFormat.Json, cancellationToken);
        return room?.Id ?? throw new InvalidOperationException("The created room carries no id.");
    }

    public async Task<ViewerIdentity> CreateViewerAsync(string roomId, string displayName, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(
            $"api/rooms/{Uri.EscapeDataString(roomId)}/viewers", new CreateViewerRequest(displayName), WireFormat.Json, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new HttpRequestException(
                "429 Too Many Requests: the server limits viewer identities per client address; raise " +
                "LiveRoom:RateLimits:ViewerIdentitiesPerMinute or spread the tool over --source-addresses.",
                null,
                HttpStatusCode.TooManyRequests);
        }

        await EnsureSuccessAsync(response, "create a viewer identity", cancellationToken);
        var viewer = await response.Content.ReadFromJsonAsync<CreatedViewer>(WireFormat.Json, cancellationToken);
        return viewer is { ViewerId: not null, AccessToken: not null }
            ? new ViewerIdentity(viewer.ViewerId, viewer.DisplayName ?? displayName, viewer.AccessToken)
            : throw new InvalidOperationException("The viewer identity carries no viewerId or accessToken.");
    }

    /// <summary>The Prometheus text of <c>/metrics</c>, or null when the server has none.</summary>
    public async Task<string?> GetMetricsAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("metrics", cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(cancellationToken) : null;
    }

    public void Dispose() => _http.Dispose();

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var detail = body;
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.ValueKind == JsonValueKind.Object
                && (problem.RootElement.TryGetProperty("detail", out var text) || problem.RootElement.TryGetProperty("title", out text))
                && text.ValueKind == JsonValueKind.String)
            {
                detail = text.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
            // Not problem details: show the body as it is.
        }

        if (detail.Length > 200) detail = detail[..200];
        throw new HttpRequestException(
            $"Could not {what}: {(int)response.StatusCode} {response.ReasonPhrase}{(detail.Length > 0 ? ": " + detail : string.Empty)}",
            null,
            response.StatusCode);
    }

    private sealed record LoginRequest(string Email, string Password);

    private sealed record LoginResponse(string? AccessToken);

    private sealed record CreateRoomRequest(string Title);

    private sealed record CreatedRoom(string? Id);

    private sealed record CreateViewerRequest(string DisplayName);

    private sealed record CreatedViewer(string? ViewerId, string? DisplayName, string? AccessToken);
}
