using System.Runtime.Serialization;
using LiveRoom.Contracts.Recordings;

namespace LiveRoom.Contracts.Rooms;

/// <summary>The public view of a room: what any viewer may see. Never carries the stream key.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.RoomInfo")]
[DataContract]
public sealed record RoomInfo(
    [property: Id(0), DataMember(Name = "id")] string Id,
    [property: Id(1), DataMember(Name = "title")] string Title,
    [property: Id(2), DataMember(Name = "description")] string? Description,
    [property: Id(3), DataMember(Name = "status")] RoomStatus Status,
    [property: Id(4), DataMember(Name = "viewerCount")] int ViewerCount,
    [property: Id(5), DataMember(Name = "playback")] Playback Playback,
    [property: Id(6), DataMember(Name = "scheduledStart")] DateTimeOffset? ScheduledStart,
    [property: Id(7), DataMember(Name = "createdAt")] DateTimeOffset CreatedAt,
    [property: Id(8), DataMember(Name = "endedAt")] DateTimeOffset? EndedAt,
    [property: Id(9), DataMember(Name = "recording")] RecordingInfo? Recording = null,
    [property: Id(10), DataMember(Name = "recordingProgress")] double? RecordingProgress = null,
    [property: Id(11), DataMember(Name = "liveSince")] DateTimeOffset? LiveSince = null);
