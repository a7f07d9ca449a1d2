using System.Runtime.Serialization;
using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Products;
using LiveRoom.Contracts.Questions;
using LiveRoom.Contracts.Viewers;

namespace LiveRoom.Contracts.Rooms;

/// <summary>What <c>JoinRoom</c> returns: the room as it is now, so a page can draw itself at once (<see cref="Shelf"/>: the product cards shown so far).</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.RoomSnapshot")]
[DataContract]
public sealed record RoomSnapshot(
    [property: Id(0), DataMember(Name = "room")] RoomInfo Room,
    [property: Id(1), DataMember(Name = "viewerCount")] int ViewerCount,
    [property: Id(2), DataMember(Name = "recentChat")] IReadOnlyList<ChatMessage> RecentChat,
    [property: Id(3), DataMember(Name = "questions")] IReadOnlyList<Question> Questions,
    [property: Id(4), DataMember(Name = "me")] Participant? Me,
    [property: Id(5), DataMember(Name = "limits")] ChatLimits? Limits = null,
    [property: Id(6), DataMember(Name = "shelf")] IReadOnlyList<ProductCard>? Shelf = null);
