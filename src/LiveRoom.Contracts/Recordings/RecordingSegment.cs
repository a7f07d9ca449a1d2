using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Recordings;

/// <summary>
/// One publishing session's part of a recording: when it went live (wall clock, the chat's clock), where it
/// begins in the recording (the parts lie end to end, so gaps between sessions are not in the video) and how
/// long it lasts.
/// </summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.RecordingSegment")]
[DataContract]
public sealed record RecordingSegment(
    [property: Id(0), DataMember(Name = "startedAt")] DateTimeOffset StartedAt,
    [property: Id(1), DataMember(Name = "offsetSeconds")] double OffsetSeconds,
    [property: Id(2), DataMember(Name = "durationSeconds")] double DurationSeconds);
