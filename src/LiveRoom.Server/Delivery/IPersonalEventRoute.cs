using LiveRoom.Contracts.Delivery;
using LiveRoom.Server.Hubs;

namespace LiveRoom.Server.Delivery;

/// <summary>How one type of <see cref="PersonalEvent"/> becomes a hub event; each capability registers its own.</summary>
public interface IPersonalEventRoute
{
    Type EventType { get; }

    /// <summary>Sends <paramref name="personalEvent"/> to <paramref name="client"/>: the local connections of <paramref name="personId"/>.</summary>
    Task SendAsync(IRoomClient client, string personId, PersonalEvent personalEvent);
}
