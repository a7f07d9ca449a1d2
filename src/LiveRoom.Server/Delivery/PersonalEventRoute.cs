using LiveRoom.Contracts.Delivery;
using LiveRoom.Server.Hubs;

namespace LiveRoom.Server.Delivery;

/// <summary>Sends events of type <typeparamref name="T"/> with one typed client method.</summary>
public sealed class PersonalEventRoute<T>(Func<IRoomClient, T, Task> send) : IPersonalEventRoute
    where T : PersonalEvent
{
    public Type EventType => typeof(T);

    public Task SendAsync(IRoomClient client, string personId, PersonalEvent personalEvent) => send(client, (T)personalEvent);
}
