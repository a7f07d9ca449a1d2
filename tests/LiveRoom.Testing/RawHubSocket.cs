using System.Net.WebSockets;
using System.Text;

namespace LiveRoom.Testing;

/// <summary>
/// A hub connection spoken by hand over a raw WebSocket (JSON protocol, no negotiation), the way an
/// attacker's script would: it sends as fast as it likes and does not wait for answers.
/// </summary>
public sealed class RawHubSocket : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket;
    private int _nextId;

    private RawHubSocket(ClientWebSocket socket) => _socket = socket;

    public WebSocketState State => _socket.State;

    /// <summary>Connects to the room hub with <paramref name="accessToken"/> and completes the JSON handshake.</summary>
    public static async Task<RawHubSocket> ConnectAsync(LiveRoomTestServer server, string accessToken, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", server.BaseAddress.GetLeftPart(UriPartial.Authority));
        var url = new UriBuilder(new Uri(server.BaseAddress, "hubs/room")) { Scheme = "ws", Query = "access_token=" + Uri.EscapeDataString(accessToken) }.Uri;
        await socket.ConnectAsync(url, cancellationToken);
        var raw = new RawHubSocket(socket);
        await raw.SendTextAsync("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator, cancellationToken);
        var handshake = await raw.ReceiveAsync(cancellationToken);
        if (handshake is null || handshake.Contains("\"error\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The hub refused the handshake: {handshake ?? "(closed)"}");
        }

        return raw;
    }

    /// <summary>Sends one invocation of <paramref name="target"/>; <paramref name="argumentsJson"/> is the JSON array of arguments.</summary>
    public Task InvokeAsync(string target, string argumentsJson, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        return SendTextAsync($"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"{target}\",\"arguments\":{argumentsJson}}}{RecordSeparator}", cancellationToken);
    }

    /// <summary>The next whole WebSocket message, or null once the server closed the connection.</summary>
    public async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer, cancellationToken);
            }
            catch (WebSocketException)
            {
                return null;
            }

            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return Encoding.UTF8.GetString(message.ToArray());
        }
    }

    /// <summary>Reads and throws away what the server sends until it closes the connection; true if it did within <paramref name="within"/>.</summary>
    public async Task<bool> DrainUntilClosedAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            while (await ReceiveAsync(timeout.Token) is not null)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task SendTextAsync(string text, CancellationToken cancellationToken) =>
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }

        _socket.Dispose();
    }
}
