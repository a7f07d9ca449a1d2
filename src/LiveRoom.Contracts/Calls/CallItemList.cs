using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Calls;

/// <summary>Everything written and shared in a call, oldest first (<c>GET /api/calls/{callId}/items</c>).</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.CallItemList")]
[DataContract]
public sealed record CallItemList(
    [property: Id(0), DataMember(Name = "messages")] IReadOnlyList<CallMessage> Messages,
    [property: Id(1), DataMember(Name = "files")] IReadOnlyList<CallFile> Files);
