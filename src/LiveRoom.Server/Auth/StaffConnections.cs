using Microsoft.AspNetCore.SignalR;

namespace LiveRoom.Server.Auth;

/// <summary>The open hub connections of each staff account on this node, so a revocation can close them.</summary>
public sealed class StaffConnections
{
    private readonly Dictionary<string, Dictionary<string, HubCallerContext>> _byAccount = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public void Add(string userId, HubCallerContext connection)
    {
        lock (_lock)
        {
            if (!_byAccount.TryGetValue(userId, out var connections))
            {
                connections = new Dictionary<string, HubCallerContext>(StringComparer.Ordinal);
                _byAccount[userId] = connections;
            }

            connections[connection.ConnectionId] = connection;
        }
    }

    public void Remove(string userId, string connectionId)
    {
        lock (_lock)
        {
            if (_byAccount.TryGetValue(userId, out var connections) && connections.Remove(connectionId) && connections.Count == 0)
            {
                _byAccount.Remove(userId);
            }
        }
    }

    /// <summary>Every open staff connection on this node.</summary>
    public IReadOnlyList<HubCallerContext> All()
    {
        lock (_lock) return [.. _byAccount.Values.SelectMany(c => c.Values)];
    }

    /// <summary>Closes every open connection of the account; how many there were.</summary>
    public int AbortAll(string userId)
    {
        HubCallerContext[] open;
        lock (_lock)
        {
            if (!_byAccount.Remove(userId, out var connections)) return 0;
            open = [.. connections.Values];
        }

        foreach (var connection in open) connection.Abort();
        return open.Length;
    }
}
