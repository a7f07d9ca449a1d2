using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveRoom.MediaBench;

/// <summary>A room the benchmark created: its id and where to publish to it.</summary>
public sealed record BenchRoom(string Id, string PublishUrl);

/// <summary>The public API calls the benchmark makes; every call is bounded by <see cref="CallTimeout"/>.</summary>
public sealed class LiveRoomApi : IDisposable
{
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;

    public LiveRoomApi(Uri serverUrl)
    {
        var baseAddress = serverUrl.AbsoluteUri.EndsWith('/') ? serverUrl : new Uri(serverUrl.AbsoluteUri + "/");
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = CallTimeout };
    }

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>An absolute URL on the server for <paramref name="path"/> (e.g. <c>live/{room}.flv</c>).</summary>
    public string Url(string path) => new Uri(BaseAddress, path).AbsoluteUri;

    public async Task LoginAsync(string email, string password, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("api/auth/login", new { email, password }, cancellationToken).WaitAsync(CallTimeout, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Logging in as {email} failed: {(int)response.StatusCode} {await ReadAsync(response, cancellationToken)}");
        }

        using var body = JsonDocument.Parse(await ReadAsync(response, cancellationToken));
        var token = body.RootElement.GetProperty("accessToken").GetString() ?? throw new InvalidOperationException("The login answer had no access token.");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task<BenchRoom> CreateRoomAsync(string title, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("api/rooms", new { title }, cancellationToken).WaitAsync(CallTimeout, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Creating a room failed: {(int)response.StatusCode} {await ReadAsync(response, cancellationToken)}");
        }

        using var body = JsonDocument.Parse(await ReadAsync(response, cancellationToken));
        var root = body.RootElement;
        return new BenchRoom(root.GetProperty("id").GetString()!, root.GetProperty("ingest").GetProperty("publishUrl").GetString()!);
    }

    /// <summary>Ends a room (its publisher is closed and its transcoder stopped); false when the server refused.</summary>
    public async Task<bool> EndRoomAsync(string roomId, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync($"api/rooms/{roomId}/end", null, cancellationToken).WaitAsync(CallTimeout, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    /// <summary>A playlist's text, or null while the server answers 404 (not there yet).</summary>
    public async Task<string?> GetTextOrNullAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken).WaitAsync(CallTimeout, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await ReadAsync(response, cancellationToken);
    }

    /// <summary>A segment's bytes, or null while the server answers 404.</summary>
    public async Task<byte[]?> GetBytesOrNullAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken).WaitAsync(CallTimeout, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).WaitAsync(CallTimeout, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private static async Task<string> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadAsStringAsync(cancellationToken).WaitAsync(CallTimeout, cancellationToken);
}
