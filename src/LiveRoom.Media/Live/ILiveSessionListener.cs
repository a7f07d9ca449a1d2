namespace LiveRoom.Media.Live;

/// <summary>Told when a live session ends, so the room can be marked interrupted.</summary>
public interface ILiveSessionListener
{
    ValueTask SessionEndedAsync(string roomId, string sessionId, bool graceful, string reason);
}
