namespace LiveRoom.Contracts.Calls;

/// <summary>One stored chunk of a call's recording: its place (take, seq), the SHA-256 of its bytes (base64) and its size.</summary>
public sealed record RecordingChunk(string CallId, int Take, int Seq, string Sha256, long Size);
