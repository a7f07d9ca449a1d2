using System.Collections.Concurrent;
using LiveRoom.Contracts.Common;
using LiveRoom.Server.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace LiveRoom.Server.Delivery;

/// <summary>
/// This node's side of personal delivery: each hub connection joins its person's local group, and the
/// person's presence grain learns that this node holds them (at the first connection, before the connection
/// is used, so nothing sent to them afterwards is missed) and forgets it at the last. Every
/// <see cref="RefreshInterval"/> the node reports all its people again, which keeps the presence grains
/// filled even if one was lost with a node of the cluster.
/// </summary>
public sealed partial class PresenceTracker(
    IGrainFactory grains,
    IHubContext<RoomHub, IRoomClient> hub,
    LocalNode node,
    ILogger<PresenceTracker> logger) : BackgroundService
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Person> _people = new(StringComparer.Ordinal);

    /// <summary>How many people have a connection on this node.</summary>
    public int Count => _people.Count;

    public async Task ConnectedAsync(string connectionId, string personId)
    {
        await hub.Groups.AddToGroupAsync(connectionId, NodeListener.PersonGroup(personId));
        var person = _people.GetOrAdd(personId, id => new Person(id));
        int connections;
        lock (person) connections = ++person.Connections;
        if (connections == 1) await grains.Presence(personId).UpdateNodeAsync(node.NodeId, node.Listener, connections);
    }

    /// <summary>Forgets a connection; true when it was the person's last one on this node.</summary>
    public async Task<bool> DisconnectedAsync(string personId)
    {
        if (!_people.TryGetValue(personId, out var person)) return false;
        lock (person)
        {
            if (--person.Connections > 0) return false;
            _people.TryRemove(new KeyValuePair<string, Person>(personId, person));
        }

        try
        {
            await grains.Presence(personId).RemoveNodeAsync(node.NodeId);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            // The node timeout drops this node from the person's presence.
            Log.ReportFailed(logger, ex, personId);
        }

        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var person in _people.Values)
                {
                    int connections;
                    lock (person) connections = person.Connections;
                    if (connections <= 0) continue;
                    try
                    {
                        await grains.Presence(person.Id).UpdateNodeAsync(node.NodeId, node.Listener, connections);
                    }
                    catch (Exception ex) when (ex is OrleansException or TimeoutException)
                    {
                        Log.ReportFailed(logger, ex, person.Id);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private sealed class Person(string id)
    {
        public string Id { get; } = id;

        public int Connections { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Could not report this node's connections of {PersonId}; will retry")]
        public static partial void ReportFailed(ILogger logger, Exception exception, string personId);
    }
}
