using System.Collections.Concurrent;
using LiveRoom.Contracts.Common;
using LiveRoom.Server.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace LiveRoom.Server.Delivery;

/// <summary>
/// This web node's side of the fan-out. For each room with local connections it keeps one
/// registration of this node's <see cref="NodeListener"/> with the room grain and reports how many people are here:
/// distinct identities with at least one local connection (one person with three tabs counts once). It
/// reports at once for the first connection, then at most every <see cref="ReportInterval"/> while the
/// count changes, and every <see cref="RefreshInterval"/> regardless, so the room keeps the node.
/// </summary>
public sealed partial class RoomFanout(
    IGrainFactory grains,
    IHubContext<RoomHub, IRoomClient> hub,
    LocalNode node,
    ILogger<RoomFanout> logger) : BackgroundService
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan IdleRoomLinger = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, LocalRoom> _rooms = new(StringComparer.Ordinal);

    public static string GroupName(string roomId) => NodeListener.RoomGroup(roomId);

    /// <summary>Adds a connection of <paramref name="identityId"/> to the room's local group.</summary>
    public async Task JoinAsync(string roomId, string connectionId, string identityId)
    {
        await hub.Groups.AddToGroupAsync(connectionId, GroupName(roomId));
        while (true)
        {
            var room = _rooms.GetOrAdd(roomId, id => new LocalRoom(id));
            var registerNow = false;
            int count;
            lock (room)
            {
                if (room.Removed) continue;
                room.Identities[identityId] = room.Identities.GetValueOrDefault(identityId) + 1;
                count = room.Identities.Count;
                room.Dirty = true;
                room.IdleSince = null;
                if (!room.Registered)
                {
                    room.Registered = true;
                    registerNow = true;
                }
            }

            if (registerNow)
            {
                // The first connection waits until the room knows this node, so it misses nothing.
                await grains.Room(roomId).UpdateNodeAsync(node.NodeId, node.Listener, count);
                lock (room) room.LastReport = DateTimeOffset.UtcNow;
            }

            return;
        }
    }

    /// <summary>Removes a connection; true when it was <paramref name="identityId"/>'s last one in the room on this node.</summary>
    public async Task<bool> LeaveAsync(string roomId, string connectionId, string identityId, bool removeFromGroup)
    {
        if (removeFromGroup) await hub.Groups.RemoveFromGroupAsync(connectionId, GroupName(roomId));
        if (!_rooms.TryGetValue(roomId, out var room)) return false;
        lock (room)
        {
            if (!room.Identities.TryGetValue(identityId, out var connections)) return false;
            if (connections > 1)
            {
                room.Identities[identityId] = connections - 1;
                return false;
            }

            room.Identities.Remove(identityId);
            room.Dirty = true;
            if (room.Identities.Count == 0) room.IdleSince = DateTimeOffset.UtcNow;
            return true;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ReportInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ReportAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var room in _rooms.Values)
        {
            int count;
            bool remove;
            lock (room)
            {
                if (!room.Registered) continue;
                var refreshDue = now - room.LastReport >= RefreshInterval;
                remove = room.Identities.Count == 0 && room.IdleSince is { } idle && now - idle >= IdleRoomLinger;
                if (!room.Dirty && !refreshDue && !remove) continue;
                room.Dirty = false;
                room.LastReport = now;
                count = room.Identities.Count;
                if (remove)
                {
                    room.Removed = true;
                    _rooms.TryRemove(new KeyValuePair<string, LocalRoom>(room.RoomId, room));
                }
            }

            try
            {
                var grain = grains.Room(room.RoomId);
                if (remove)
                {
                    await grain.RemoveNodeAsync(node.NodeId);
                }
                else
                {
                    await grain.UpdateNodeAsync(node.NodeId, node.Listener, count);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                lock (room) room.Dirty = true;
                Log.ReportFailed(logger, ex, room.RoomId);
            }
        }
    }

    private sealed class LocalRoom(string roomId)
    {
        public string RoomId { get; } = roomId;

        /// <summary>Each identity with local connections in the room, and how many it has.</summary>
        public Dictionary<string, int> Identities { get; } = new(StringComparer.Ordinal);

        public bool Dirty { get; set; }

        public bool Removed { get; set; }

        public DateTimeOffset LastReport { get; set; }

        public DateTimeOffset? IdleSince { get; set; }

        /// <summary>Whether the room grain has been told about this node.</summary>
        public bool Registered { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Could not report this node's connections to room {RoomId}; will retry")]
        public static partial void ReportFailed(ILogger logger, Exception exception, string roomId);
    }
}
