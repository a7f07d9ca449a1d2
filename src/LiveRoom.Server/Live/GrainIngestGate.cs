using LiveRoom.Contracts.Grains;
using LiveRoom.Media.Flv;
using LiveRoom.Media.Ingest;
using LiveRoom.Media.Live;

namespace LiveRoom.Server.Live;

/// <summary>
/// Lets a publisher in when its room grain agrees (right key, room not ended, nobody else publishing), then
/// opens the room's live session on this node, with the low-latency relay attached. The room records this
/// node (its silo, which is another one after every restart), so a room left live by a crash is recovered.
/// </summary>
public sealed partial class GrainIngestGate(IGrainFactory grains, ILocalSiloDetails silo, LiveSessionManager sessions, FlvRelayRegistry relays, ILogger<GrainIngestGate> logger) : IIngestGate
{
    public async ValueTask<IngestAdmission> AdmitAsync(string roomId, string streamKey, string peer, CancellationToken cancellationToken)
    {
        var sessionId = Guid.NewGuid().ToString("N");
        var grant = await grains.Room(roomId).StartPublishingFromAsync(streamKey, sessionId, silo.SiloAddress.ToParsableString()).WaitAsync(cancellationToken);
        if (!grant.IsSuccess)
        {
            Log.Refused(logger, peer, roomId, grant.Refusal!.Message);
            return IngestAdmission.Refuse(grant.Refusal.Message);
        }

        var session = sessions.Open(roomId, sessionId, grant.Value!.Resumed);
        return IngestAdmission.Admit(relays.Attach(session));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8501, Level = LogLevel.Warning, Message = "RTMP {Peer}: publishing to room {RoomId} refused: {Reason}")]
        public static partial void Refused(ILogger logger, string peer, string roomId, string reason);
    }
}
