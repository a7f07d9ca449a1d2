using LiveRoom.Contracts.Rooms;
using Microsoft.Extensions.Logging;

namespace LiveRoom.Grains.Rooms;

/// <summary>
/// Where the room's publisher is: the node whose ingest holds the publishing session. A process that dies
/// (kill -9, power loss) never says its publisher left, so a room it held would stay live forever; the room
/// notices that node is gone (on activation, when a publisher knocks, or when the start-up and periodic
/// sweep asks) and is interrupted as if its publisher had dropped.
/// </summary>
public sealed partial class RoomGrain
{
    /// <summary>This silo, address and generation: a restarted process on the same port is another node.</summary>
    private string ThisNode => GrainContext.Address.SiloAddress!.ToParsableString();

    public async Task<RoomStatus?> CheckIngestAsync()
    {
        if (!_state.State.Exists) return null;
        if (_state.State.Status == RoomStatus.Live && await IngestGoneAsync()) await InterruptAsync(lostIngest: true);
        return _state.State.Status;
    }

    /// <summary>The room's publisher is gone: interrupted, and ended unless it is back within the grace period.</summary>
    private async Task InterruptAsync(bool lostIngest)
    {
        var state = _state.State;
        state.Status = RoomStatus.Interrupted;
        state.InterruptedAt = _time.GetUtcNow();
        await _state.WriteStateAsync();
        await _records.UpsertRoomAsync(ToRecord());
        _pending.SetStatus(RoomStatus.Interrupted);
        Flush();
        ArmGraceTimer();
        if (lostIngest) Log.IngestLost(_logger, RoomId, state.IngestNode ?? "(not recorded)", _live.GracePeriodSeconds);
        else Log.Interrupted(_logger, RoomId, _live.GracePeriodSeconds);
    }

    /// <summary>
    /// True when the node recorded as holding the ingest is gone: the cluster's membership says it is dead, or
    /// does not know it although it started before this silo (so it would be known if it ran: a previous
    /// process, whose in-memory membership died with it in embedded mode). A node that started after this silo
    /// and is not known yet is given the benefit of the doubt: it may have just joined. State written before
    /// nodes were recorded has none: that process is gone too.
    /// </summary>
    private async Task<bool> IngestGoneAsync()
    {
        if (_state.State.IngestNode is not { } recorded) return true;
        var here = GrainContext.Address.SiloAddress!;
        SiloAddress node;
        try
        {
            node = SiloAddress.FromParsableString(recorded);
        }
        catch (FormatException)
        {
            return true;
        }

        if (node.Equals(here)) return false;
        var known = await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false);
        return known.TryGetValue(node, out var status) ? status == SiloStatus.Dead : node.Generation <= here.Generation;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Room {RoomId}: its ingest node {IngestNode} is gone; interrupted, ends in {GraceSeconds} s unless the publisher returns")]
        public static partial void IngestLost(ILogger logger, string roomId, string ingestNode, int graceSeconds);
    }
}
