using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Calls;

/// <summary>
/// The recording of a call, in its history: while the job makes it (<see cref="Progress"/> 0–1), once it is
/// ready (<see cref="Url"/>, staff only, and its real length), or failed. <see cref="MissingChunks"/> are the
/// chunks that never arrived; the rest of the recording is kept.
/// </summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.CallRecordingInfo")]
[DataContract]
public sealed record CallRecordingInfo(
    [property: Id(0), DataMember(Name = "status")] CallRecordingFileStatus Status,
    [property: Id(1), DataMember(Name = "progress")] double Progress,
    [property: Id(2), DataMember(Name = "url")] string? Url,
    [property: Id(3), DataMember(Name = "durationSeconds")] double? DurationSeconds,
    [property: Id(4), DataMember(Name = "missingChunks")] IReadOnlyList<MissingChunk> MissingChunks);
