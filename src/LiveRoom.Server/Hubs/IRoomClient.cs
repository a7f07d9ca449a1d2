using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Questions;
using LiveRoom.Contracts.Rooms;

namespace LiveRoom.Server.Hubs;

/// <summary>
/// Every event the room hub sends, declared once. The method names are the event names on the wire
/// (the public contract spells them in camelCase), which is why they break the usual C# naming.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "Wire event names.")]
public partial interface IRoomClient
{
    Task chat(ChatMessage[] messages);

    Task questions(Question[] questions);

    Task chatDeleted(string[] messageIds);

    Task viewers(int count);

    Task roomStatus(RoomStatus status);

    /// <summary>The caller's last call was refused: its code, sent just before the call's error.</summary>
    Task refused(RefusalNotice notice);
}
