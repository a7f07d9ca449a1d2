using LiveRoom.Server.Auth;

namespace LiveRoom.Server.Hubs;

/// <summary>
/// What a capability needs to know about hub connections (calls: a viewer who comes back to the queue, a
/// participant whose connection dropped), registered by the capability, so the hub does not grow with each one.
/// </summary>
public interface IHubConnectionHook
{
    /// <summary>A connection of the caller opened; <paramref name="connection"/> reaches that connection only.</summary>
    Task ConnectedAsync(Caller caller, IRoomClient connection);

    /// <summary>The caller joined <paramref name="roomId"/> on this connection; <paramref name="connection"/> reaches it only.</summary>
    Task JoinedRoomAsync(Caller caller, string roomId, IRoomClient connection);

    /// <summary>The caller's connection left <paramref name="roomId"/>; <paramref name="lastHere"/>: it was their last one in that room on this node.</summary>
    Task LeftRoomAsync(Caller caller, string roomId, bool lastHere);

    /// <summary>
    /// A connection of the caller closed; <paramref name="items"/> are its <c>Context.Items</c>;
    /// <paramref name="lastHere"/>: it was their last connection on this node.
    /// </summary>
    Task DisconnectedAsync(Caller caller, IDictionary<object, object?> items, bool lastHere);
}
