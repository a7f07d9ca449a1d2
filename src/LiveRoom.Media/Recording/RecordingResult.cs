using LiveRoom.Contracts.Recordings;

namespace LiveRoom.Media.Recording;

/// <summary>
/// A finished recording on local disk: the MP4, its poster (null when no frame could be taken: a recording of
/// a fraction of a second, or sound only), its length and where each publishing session lies in it.
/// </summary>
public sealed record RecordingResult(string Mp4Path, string? PosterPath, double DurationSeconds, IReadOnlyList<RecordingSegment> Segments);
