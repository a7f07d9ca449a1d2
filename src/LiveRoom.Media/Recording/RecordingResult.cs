namespace LiveRoom.Media.Recording;

/// <summary>A finished recording on local disk: the MP4, its poster and its length.</summary>
public sealed record RecordingResult(string Mp4Path, string PosterPath, double DurationSeconds);
