using System.Collections.Concurrent;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Delivery;
using LiveRoom.Server.Diagnostics;
using LiveRoom.Server.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace LiveRoom.Server.Delivery;

/// <summary>
/// This web node's side of the fan-out. For each room with local connections it keeps one
/// <see cref="RoomFrameForwarder"/> registered with the room grain and reports how many people are here:
/// distinct identities with at least one local connection (one person with three tabs counts once). It
/// reports at once for the first connection, then at most every <see cref="ReportInterval"/> while the
/// count changes, and every <see cref="RefreshInterval"/> regardless, so the room keeps the node.
/// </summary>
public sealed partial class RoomFanout(
    IGrainFactory grains,
    IHubContext<RoomHub, IRoomClient> hub,
    LiveRoomMetrics metrics,
    ILogger<RoomFanout> logger) : BackgroundService
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan IdleRoomLinger = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, LocalRoom> _rooms = new(StringComparer.Ordinal);

    /// <summary>This node's id among the nodes that listen to a room.</summary>
    public string NodeId { get; } = $"{Environment.MachineName}-{Guid.NewGuid():N}";

    public static string GroupName(string roomId) => "room:" + roomId;

    /// <summary>Adds a connection of <paramref name="identityId"/> to the room's local group.</summary>
    public async Task JoinAsync(string roomId, string connectionId, string identityId)
    {
        await hub.Groups.AddToGroupAsync(connectionId, GroupName(roomId));
        while (true)
        {
            var room = _rooms.GetOrAdd(roomId, id => new LocalRoom(id));
            IRoomObserver? registerNow = null;
            int count;
            lock (room)
            {
                if (room.Removed) continue;
                room.Identities[identityId] = room.Identities.GetValueOrDefault(identityId) + 1;
                count = room.Identities.Count;
                room.Dirty = true;
                room.IdleSince = null;
                if (room.Reference is null)
                {
                    room.Forwarder = new RoomFrameForwarder(roomId, hub, metrics, logger);
                    room.Reference = grains.CreateObjectReference<IRoomObserver>(room.Forwarder);
                    registerNow = room.Reference;
                }
            }

            if (registerNow is not null)
            {
                // The first connection waits until the room knows this node, so it misses nothing.
                await grains.Room(roomId).UpdateNodeAsync(NodeId, registerNow, count);
                lock (room) room.LastReport = DateTimeOffset.UtcNow;
            }

            return;
        }
    }

    public async Task LeaveAsync(string roomId, string connectionId, string identityId, bool removeFromGroup)
    {
        if (removeFromGroup) await hub.Groups.RemoveFromGroupAsync(connectionId, GroupName(roomId));
        if (!_rooms.TryGetValue(roomId, out var room)) return;
        lock (room)
        {
            if (!room.Identities.TryGetValue(identityId, out var connections)) return;
            if (connections > 1)
            {
                room.Identities[identityId] = connections - 1;
                return;
            }

            room.Identities.Remove(identityId);
            room.Dirty = true;
            if (room.Identities.Count == 0) room.IdleSince = DateTimeOffset.UtcNow;
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
            IRoomObserver? reference;
            int count;
            bool remove;
            lock (room)
            {
                if (room.Reference is null) continue;
                var refreshDue = now - room.LastReport >= RefreshInterval;
                remove = room.Identities.Count == 0 && room.IdleSince is { } idle && now - idle >= IdleRoomLinger;
                if (!room.Dirty && !refreshDue && !remove) continue;
                room.Dirty = false;
                room.LastReport = now;
                reference = room.Reference;
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
                    await grain.RemoveNodeAsync(NodeId);
                    grains.DeleteObjectReference<IRoomObserver>(reference);
                }
                else
                {
                    await grain.UpdateNodeAsync(NodeId, reference, count);
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

        public RoomFrameForwarder? Forwarder { get; set; }

        public IRoomObserver? Reference { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Could not report this node's connections to room {RoomId}; will retry")]
        public static partial void ReportFailed(ILogger logger, Exception exception, string roomId);
    }
}
