namespace LiveRoom.Contracts.Calls;

/// <summary>Why a call ended, as <c>callEnded</c> says it.</summary>
public static class CallEndReasons
{
    public const string Hangup = "hangup";
    public const string Lost = "lost";
    public const string RoomEnded = "room_ended";
}
