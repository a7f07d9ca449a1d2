using System.Collections.Concurrent;
using LiveRoom.Server.Options;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Viewers;

/// <summary>
/// How many of this node's connections each viewer identity has joined to its room, so one token cannot
/// open hundreds of connections. Node-local: a cluster allows the cap on each node.
/// </summary>
public sealed class ViewerConnections(IOptions<ViewerOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Max => options.Value.MaxConnectionsPerViewer;

    /// <summary>Takes one of the identity's connection slots in the room; false when all are taken.</summary>
    public bool TryAcquire(string roomId, string viewerId)
    {
        var key = Key(roomId, viewerId);
        while (true)
        {
            if (!_counts.TryGetValue(key, out var count))
            {
                if (_counts.TryAdd(key, 1)) return true;
                continue;
            }

            if (count >= Max) return false;
            if (_counts.TryUpdate(key, count + 1, count)) return true;
        }
    }

    public void Release(string roomId, string viewerId)
    {
        var key = Key(roomId, viewerId);
        while (_counts.TryGetValue(key, out var count))
        {
            if (count <= 1)
            {
                if (_counts.TryRemove(new KeyValuePair<string, int>(key, count))) return;
            }
            else if (_counts.TryUpdate(key, count - 1, count))
            {
                return;
            }
        }
    }

    private static string Key(string roomId, string viewerId) => string.Concat(roomId, "/", viewerId);
}
