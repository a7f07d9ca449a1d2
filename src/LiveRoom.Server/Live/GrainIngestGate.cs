using LiveRoom.Contracts.Common;
using LiveRoom.Media.Flv;
using LiveRoom.Media.Ingest;
using LiveRoom.Media.Live;
using LiveRoom.Server.Delivery;

namespace LiveRoom.Server.Live;

/// <summary>
/// Lets a publisher in when its room grain agrees (right key, room not ended, nobody else publishing), then
/// opens the room's live session on this node, with the low-latency relay attached. The room records this
/// node (its silo, which is another one after every restart), so a room left live by a crash is recovered,
/// and this node's listener, through which the room closes the publisher when it ends.
/// </summary>
public sealed class GrainIngestGate(IGrainFactory grains, ILocalSiloDetails silo, LocalNode node, LiveSessionManager sessions, FlvRelayRegistry relays) : IIngestGate
{
    public async ValueTask<IngestAdmission> AdmitAsync(string roomId, string streamKey, string peer, CancellationToken cancellationToken)
    {
        var sessionId = Guid.NewGuid().ToString("N");
        var grant = await grains.Room(roomId).StartPublishingFromAsync(streamKey, sessionId, silo.SiloAddress.ToParsableString(), node.Listener).WaitAsync(cancellationToken);
        // The ingest logs the refusal with the peer and the reason, at a bounded rate (anyone can offer keys).
        if (!grant.IsSuccess) return IngestAdmission.Refuse(grant.Refusal!.Message);

        var session = sessions.Open(roomId, sessionId, grant.Value!.Resumed);
        return IngestAdmission.Admit(relays.Attach(session));
    }
}
