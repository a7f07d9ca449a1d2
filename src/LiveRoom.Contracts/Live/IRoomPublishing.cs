using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Delivery;
using LiveRoom.Contracts.Rooms;

namespace LiveRoom.Contracts.Live;

/// <summary>Who may publish the room's stream, and where its ingest runs. A role of the room grain (key: room id).</summary>
[Alias("LiveRoom.IRoomPublishing")]
public interface IRoomPublishing : IGrainWithStringKey
{
    [Alias("RotateStreamKey")]
    Task<Outcome<RoomDetails>> RotateStreamKeyAsync();

    /// <summary>
    /// Rotates the stream key and, when the room is live, disconnects its publisher (a leaked key): the room
    /// is interrupted as on any drop and the publisher's connection, on whichever node, is closed.
    /// </summary>
    [Alias("RotateStreamKeyAndDisconnect")]
    Task<Outcome<RoomDetails>> RotateStreamKeyAndDisconnectAsync();

    /// <summary>Whether ingest session <paramref name="sessionId"/> is still the room's publisher (false once the room ended or the publisher was disconnected).</summary>
    [Alias("IsPublishing")]
    Task<bool> IsPublishingAsync(string sessionId);

    /// <summary>
    /// A publisher with <paramref name="streamKey"/> wants to go live (session <paramref name="sessionId"/>).
    /// Refused for a wrong key, an ended room, or while another session publishes; an interrupted room
    /// within its grace period resumes.
    /// </summary>
    [Alias("StartPublishing")]
    Task<Outcome<PublishGrant>> StartPublishingAsync(string streamKey, string sessionId);

    /// <summary>
    /// As <see cref="StartPublishingAsync(string, string)"/>, from the ingest of node <paramref name="ingestNode"/>
    /// (its silo address with generation). The room records that node: a room live on a node that is gone
    /// (the process died, or left the cluster) is interrupted, and its returning publisher gets in. The room
    /// tells <paramref name="ingestListener"/> (that node's listener) when the publisher is to be closed: the
    /// room ended, or its key was rotated with disconnect.
    /// </summary>
    [Alias("StartPublishingFrom")]
    Task<Outcome<PublishGrant>> StartPublishingFromAsync(string streamKey, string sessionId, string ingestNode, INodeObserver? ingestListener);

    /// <summary>
    /// Checks that the node holding the room's ingest still runs; a live room whose ingest node is gone is
    /// interrupted (its grace period starts). Returns the room's status, null when there is no room.
    /// </summary>
    [Alias("CheckIngest")]
    Task<RoomStatus?> CheckIngestAsync();

    /// <summary>The publisher of <paramref name="sessionId"/> is gone: the room is interrupted until it comes back or the grace period ends it.</summary>
    [Alias("StopPublishing")]
    Task StopPublishingAsync(string sessionId);
}
