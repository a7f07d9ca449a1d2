using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Viewers;

/// <summary>
/// How many of this node's connections each viewer identity has joined to its room, and has open at all,
/// so one token cannot hold hundreds of connections. Node-local: a cluster allows the caps on each node.
/// </summary>
public sealed class ViewerConnections(IOptions<ViewerOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    public int Max => options.Value.MaxConnectionsPerViewer;

    /// <summary>Takes one of the identity's connection slots in the room; false when all are taken.</summary>
    public bool TryAcquire(string roomId, string viewerId) => TryTake(_counts, Key(roomId, viewerId), Max);

    public void Release(string roomId, string viewerId) => Give(_counts, Key(roomId, viewerId));

    /// <summary>Counts a newly opened connection of the identity; false when it has as many open as it may.</summary>
    public bool TryOpen(string roomId, string viewerId) => TryTake(_open, Key(roomId, viewerId), options.Value.MaxOpenConnectionsPerViewer);

    public void Close(string roomId, string viewerId) => Give(_open, Key(roomId, viewerId));

    private static bool TryTake(ConcurrentDictionary<string, int> counts, string key, int max)
    {
        while (true)
        {
            if (!counts.TryGetValue(key, out var count))
            {
                if (counts.TryAdd(key, 1)) return true;
                continue;
            }

            if (count >= max) return false;
            if (counts.TryUpdate(key, count + 1, count)) return true;
        }
    }

    private static void Give(ConcurrentDictionary<string, int> counts, string key)
    {
        while (counts.TryGetValue(key, out var count))
        {
            if (count <= 1)
            {
                if (counts.TryRemove(new KeyValuePair<string, int>(key, count))) return;
            }
            else if (counts.TryUpdate(key, count - 1, count))
            {
                return;
            }
        }
    }

    private static string Key(string roomId, string viewerId) => string.Concat(roomId, "/", viewerId);
}
