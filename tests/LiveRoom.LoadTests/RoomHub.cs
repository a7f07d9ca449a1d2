namespace LiveRoom.LoadTests;

/// <summary>The hub path and the hub's method and event names the tool uses (docs/PROTOCOL.md).</summary>
internal static class RoomHub
{
    public const string Path = "hubs/room";
    public const string JoinRoom = "JoinRoom";
    public const string SendChat = "SendChat";
    public const string ChatEvent = "chat";
}
