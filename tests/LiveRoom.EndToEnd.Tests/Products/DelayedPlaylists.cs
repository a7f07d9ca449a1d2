using System.Collections.Concurrent;
using LiveRoom.Testing;
using Microsoft.Playwright;

namespace LiveRoom.EndToEnd.Tests.Products;

/// <summary>
/// Holds one browser's live HLS a fixed time behind the live edge, as a slow CDN edge would: every media
/// playlist it asks for is answered with the server's playlist as it was <c>delay</c> ago (fetched from the
/// real server every 100 ms). Segments come straight from the server. The player then plays "at the live
/// edge" it sees, which is <c>delay</c> behind everyone else's, and never jumps forward to catch up.
/// </summary>
internal sealed class DelayedPlaylists(LiveRoomTestServer server, TimeSpan delay) : IAsyncDisposable
{
    private readonly HttpClient _http = server.CreateHttpClient();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Recorded> _playlists = new(StringComparer.Ordinal);

    /// <summary>The route handler: <c>context.RouteAsync("**/index.m3u8", playlists.ServeAsync)</c>.</summary>
    public async Task ServeAsync(IRoute route)
    {
        var url = route.Request.Url;
        var recorded = _playlists.GetOrAdd(url, u => new Recorded(u, _http, _stop.Token));
        var deadline = DateTime.UtcNow + delay + TimeSpan.FromSeconds(5);
        while (true)
        {
            if (recorded.AsOf(DateTime.UtcNow - delay) is { } text)
            {
                await route.FulfillAsync(new() { Status = 200, ContentType = "application/vnd.apple.mpegurl", Body = text });
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                await route.FulfillAsync(new() { Status = 404, Body = "no playlist that old yet" });
                return;
            }

            await Task.Delay(100, _stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var recorded in _playlists.Values) await recorded.Done.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _http.Dispose();
        _stop.Dispose();
    }

    /// <summary>One playlist's history: what the server answered, and when.</summary>
    private sealed class Recorded
    {
        private readonly List<(DateTime At, string Text)> _history = [];

        public Recorded(string url, HttpClient http, CancellationToken stop) => Done = PollAsync(url, http, stop);

        public Task Done { get; }

        public string? AsOf(DateTime moment)
        {
            lock (_history)
            {
                for (var i = _history.Count - 1; i >= 0; i--)
                {
                    if (_history[i].At <= moment) return _history[i].Text;
                }
            }

            return null;
        }

        private async Task PollAsync(string url, HttpClient http, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await http.GetAsync(url, stop);
                    if (response.IsSuccessStatusCode)
                    {
                        var text = await response.Content.ReadAsStringAsync(stop);
                        lock (_history) _history.Add((DateTime.UtcNow, text));
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (HttpRequestException)
                {
                    // The live is between playlists; ask again.
                }

                await Task.Delay(100, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
