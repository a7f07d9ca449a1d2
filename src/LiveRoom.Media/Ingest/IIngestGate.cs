namespace LiveRoom.Media.Ingest;

/// <summary>
/// Decides whether a publisher may publish with a stream key (right key, room not ended, no other
/// publisher) and opens the session for the room. Called only for keys of the expected shape.
/// </summary>
public interface IIngestGate
{
    ValueTask<IngestAdmission> AdmitAsync(string roomId, string streamKey, string peer, CancellationToken cancellationToken);
}
