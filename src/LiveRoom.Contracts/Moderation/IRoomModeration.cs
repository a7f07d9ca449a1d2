using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Viewers;

namespace LiveRoom.Contracts.Moderation;

/// <summary>The room's bans and its "new here" wait. A role of the room grain (key: room id).</summary>
[Alias("LiveRoom.IRoomModeration")]
public interface IRoomModeration : IGrainWithStringKey
{
    /// <summary>True when any of <paramref name="addresses"/> (client networks) is banned in this room.</summary>
    [Alias("IsAddressBanned")]
    Task<bool> IsAddressBannedAsync(string[] addresses);

    /// <summary>Bans client networks in this room (or lifts the ban): no new identity, no join, no chat from them.</summary>
    [Alias("SetAddressesBanned")]
    Task<Outcome<ModerationSettings>> SetAddressesBannedAsync(string[] addresses, bool banned);

    /// <summary>Checks a viewer against the room's bans and its "new here" wait before it may speak.</summary>
    [Alias("CheckViewer")]
    Task<Refusal?> CheckViewerAsync(ViewerGate gate, bool speaking);

    [Alias("GetModeration")]
    Task<ModerationSettings?> GetModerationAsync();

    /// <summary>How long (seconds, 0 = off) a new viewer identity waits before its first message.</summary>
    [Alias("SetNewViewerDelay")]
    Task<Outcome<ModerationSettings>> SetNewViewerDelayAsync(int seconds);
}
