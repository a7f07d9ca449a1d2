using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Model;

/// <summary>A room's finished recording: the MP4 (with the index first), its poster, its length.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.RecordingInfo")]
[DataContract]
public sealed record RecordingInfo(
    [property: Id(0), DataMember(Name = "url")] string Url,
    [property: Id(1), DataMember(Name = "posterUrl")] string PosterUrl,
    [property: Id(2), DataMember(Name = "durationSeconds")] double DurationSeconds);
