using LiveRoom.Contracts.Calls;

namespace LiveRoom.Server.Hubs;

/// <summary>What participants write and share during a call (docs/CALLS.md); each goes to the call's other participants only.</summary>
public partial interface IRoomClient
{
    /// <summary>Another participant wrote in the call.</summary>
    Task callMessage(CallMessage message);

    /// <summary>Another participant shared a file, or an agent kept a snapshot.</summary>
    Task callFile(CallFile file);
}
