using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Recordings;

/// <summary>
/// A room's finished recording: the MP4 (with the index first), its poster (null when the recording is too
/// short to take one from), its length, and its segments (one per publishing session, in order; null for
/// recordings made before segments were recorded).
/// </summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.RecordingInfo")]
[DataContract]
public sealed record RecordingInfo(
    [property: Id(0), DataMember(Name = "url")] string Url,
    [property: Id(1), DataMember(Name = "posterUrl")] string? PosterUrl,
    [property: Id(2), DataMember(Name = "durationSeconds")] double DurationSeconds,
    [property: Id(3), DataMember(Name = "segments")] IReadOnlyList<RecordingSegment>? Segments = null);
