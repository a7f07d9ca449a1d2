using System.Runtime.Serialization;
using LiveRoom.Contracts.Delivery;

namespace LiveRoom.Contracts.Calls;

/// <summary>The <c>callQueueOpen</c> event: staff closed or opened a room's call queue (to every agent serving it).</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.QueueOpenChanged")]
[DataContract]
public sealed record QueueOpenChanged(
    [property: Id(0), DataMember(Name = "roomId")] string RoomId,
    [property: Id(1), DataMember(Name = "open")] bool Open) : PersonalEvent;
