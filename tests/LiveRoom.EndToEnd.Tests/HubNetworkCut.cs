using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace LiveRoom.EndToEnd.Tests;

/// <summary>The network between one page and the hub: it can be cut (open sockets closed, new ones refused) and restored.</summary>
internal sealed class HubNetworkCut
{
    private readonly ConcurrentQueue<IWebSocketRoute> _sockets = new();
    private bool _cut;

    private HubNetworkCut()
    {
    }

    /// <summary>Routes <paramref name="page"/>'s hub traffic through a cut that starts closed (connected).</summary>
    public static async Task<HubNetworkCut> AttachAsync(IPage page)
    {
        var network = new HubNetworkCut();
        await page.RouteWebSocketAsync(new Regex("/hubs/room"), socket =>
        {
            if (Volatile.Read(ref network._cut))
            {
                _ = socket.CloseAsync();
                return;
            }

            socket.ConnectToServer();
            network._sockets.Enqueue(socket);
        }).Limit();
        await page.RouteAsync(new Regex("/hubs/room/negotiate"), route => Volatile.Read(ref network._cut) ? route.AbortAsync() : route.ContinueAsync()).Limit();
        return network;
    }

    public async Task CutAsync()
    {
        Volatile.Write(ref _cut, true);
        while (_sockets.TryDequeue(out var socket)) await socket.CloseAsync().Limit();
    }

    public void Restore() => Volatile.Write(ref _cut, false);
}
