namespace LiveRoom.Media.Recording;

/// <summary>A call's recording on local disk: the MP4, its length, and the takes left out because nothing in them could be read.</summary>
public sealed record CallRecordingResult(string Mp4Path, double DurationSeconds, IReadOnlyList<int> UnreadableTakes);
