namespace LiveRoom.Media.Recording;

/// <summary>One take of a call's recording as uploaded: its number and its chunks joined in order (a WebM stream, as MediaRecorder wrote it).</summary>
public sealed record CallTakeFile(int Take, string Path);
