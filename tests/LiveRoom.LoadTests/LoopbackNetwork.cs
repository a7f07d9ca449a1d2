using System.Net;
using System.Net.WebSockets;
using LiveRoom.Shared;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace LiveRoom.LoadTests;

/// <summary>
/// Opens the tool's sockets: plain HTTP for the REST calls and WebSockets for the hub. When source
/// addresses are given, each new socket is bound to the next one in turn (127.0.0.1, 127.0.0.2, ...), which
/// spreads the connections over several client addresses (more ephemeral ports, and a per-address rate
/// limit on the server sees several clients).
/// </summary>
internal sealed class LoopbackNetwork : IDisposable
{
    private readonly IPAddress[] _sources;
    private readonly HttpMessageInvoker _webSockets;
    private int _next = -1;

    public LoopbackNetwork(IReadOnlyList<string> sourceAddresses, TimeSpan connectTimeout)
    {
        _sources = [.. sourceAddresses.Select(IPAddress.Parse)];
        ConnectTimeout = connectTimeout;
        _webSockets = new HttpMessageInvoker(CreateHandler(int.MaxValue));
    }

    public TimeSpan ConnectTimeout { get; }

    public SocketsHttpHandler CreateHandler(int maxConnectionsPerServer)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectTimeout = ConnectTimeout,
            MaxConnectionsPerServer = maxConnectionsPerServer,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        if (_sources.Length > 0) handler.ConnectCallback = ConnectFromNextSourceAsync;
        return handler;
    }

    /// <summary>
    /// The hub connection's WebSocket factory. The token goes in the <c>access_token</c> query parameter,
    /// the way the protocol documents it (a browser cannot set headers on a WebSocket).
    /// </summary>
    public async ValueTask<WebSocket> ConnectWebSocketAsync(WebSocketConnectionContext context, CancellationToken cancellationToken)
    {
        var url = context.Uri;
        if (context.Options.AccessTokenProvider is { } tokenProvider && await tokenProvider() is { Length: > 0 } token)
        {
            var builder = new UriBuilder(url);
            var query = builder.Query.TrimStart('?');
            builder.Query = (query.Length == 0 ? string.Empty : query + "&") + "access_token=" + Uri.EscapeDataString(token);
            url = builder.Uri;
        }

        var webSocket = new ClientWebSocket();
        try
        {
            await webSocket.ConnectAsync(url, _webSockets, cancellationToken);
            return webSocket;
        }
        catch
        {
            webSocket.Dispose();
            throw;
        }
    }

    public void Dispose() => _webSockets.Dispose();

    private ValueTask<Stream> ConnectFromNextSourceAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        SourceAddressSocket.ConnectAsync(_sources[(int)((uint)Interlocked.Increment(ref _next) % (uint)_sources.Length)], context.DnsEndPoint, cancellationToken);
}
