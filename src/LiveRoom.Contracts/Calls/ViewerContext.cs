using System.Runtime.Serialization;
using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Questions;

namespace LiveRoom.Contracts.Calls;

/// <summary>What an agent sees of a viewer before and during a call: their lines and questions in the room, and their past calls.</summary>
[DataContract]
public sealed record ViewerContext(
    [property: DataMember(Name = "viewerId")] string ViewerId,
    [property: DataMember(Name = "roomId")] string RoomId,
    [property: DataMember(Name = "displayName")] string? DisplayName,
    [property: DataMember(Name = "chat")] IReadOnlyList<ChatMessage> Chat,
    [property: DataMember(Name = "questions")] IReadOnlyList<Question> Questions,
    [property: DataMember(Name = "calls")] IReadOnlyList<CallRecord> Calls);
