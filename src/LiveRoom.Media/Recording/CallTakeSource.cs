namespace LiveRoom.Media.Recording;

/// <summary>One take of a call's recording as a playable WebM: where it is, how long it is, what it holds.</summary>
public sealed record CallTakeSource(string Path, double DurationSeconds, bool HasVideo, bool HasAudio);
