using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Calls;

/// <summary>A viewer who could not be taken aside asks to be called back.</summary>
[DataContract]
public sealed record CallBack(
    [property: DataMember(Name = "id")] string Id,
    [property: DataMember(Name = "roomId")] string RoomId,
    [property: DataMember(Name = "viewerId")] string ViewerId,
    [property: DataMember(Name = "name")] string Name,
    [property: DataMember(Name = "phone")] string? Phone,
    [property: DataMember(Name = "email")] string? Email,
    [property: DataMember(Name = "preferredTime")] string? PreferredTime,
    [property: DataMember(Name = "topic")] string? Topic,
    [property: DataMember(Name = "status")] CallBackStatus Status,
    [property: DataMember(Name = "createdAt")] DateTimeOffset CreatedAt,
    [property: DataMember(Name = "doneAt")] DateTimeOffset? DoneAt,
    [property: DataMember(Name = "doneBy")] string? DoneBy,
    [property: DataMember(Name = "note")] string? Note);
