using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Chat;

/// <summary>One chat line. <see cref="Text"/> is plain text; clients must never render it as HTML.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.ChatMessage")]
[DataContract]
public sealed record ChatMessage(
    [property: Id(0), DataMember(Name = "id")] string Id,
    [property: Id(1), DataMember(Name = "roomId")] string RoomId,
    [property: Id(2), DataMember(Name = "sender")] Sender Sender,
    [property: Id(3), DataMember(Name = "text")] string Text,
    [property: Id(4), DataMember(Name = "sentAt")] DateTimeOffset SentAt);
