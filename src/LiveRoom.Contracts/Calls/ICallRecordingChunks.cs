namespace LiveRoom.Contracts.Calls;

/// <summary>
/// Which chunks of a call's recording have arrived (their bytes are in the media store). The first chunk
/// recorded under a place wins: recording it again with the same digest is a retry, with another a conflict.
/// </summary>
public interface ICallRecordingChunks
{
    /// <summary>The chunk already recorded at that place, or null.</summary>
    Task<RecordingChunk?> GetAsync(string callId, int take, int seq, CancellationToken cancellationToken = default);

    /// <summary>Records <paramref name="chunk"/> unless its place is taken; returns what is recorded there now.</summary>
    Task<RecordingChunk> AddAsync(RecordingChunk chunk, CancellationToken cancellationToken = default);

    /// <summary>Every chunk of the call, by take then seq.</summary>
    Task<IReadOnlyList<RecordingChunk>> ListAsync(string callId, CancellationToken cancellationToken = default);
}
