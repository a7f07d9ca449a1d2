using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Calls;

/// <summary>
/// A call as one participant sees it. <see cref="IceServers"/> are minted for that participant when the call
/// reaches them (grains leave the list empty), with <see cref="IceTransportPolicy"/> (the browser's
/// <c>iceTransportPolicy</c>: <c>all</c> or <c>relay</c>). <see cref="Initiator"/> makes the first offer.
/// <see cref="Resumed"/> is true only when the call is sent again to a new connection of someone still in it
/// (a reloaded page): that page takes the call up afresh and offers to everyone in it, like a newcomer.
/// </summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.CallInfo")]
[DataContract]
public sealed record CallInfo(
    [property: Id(0), DataMember(Name = "callId")] string CallId,
    [property: Id(1), DataMember(Name = "roomId")] string RoomId,
    [property: Id(2), DataMember(Name = "participants")] IReadOnlyList<CallParticipant> Participants,
    [property: Id(3), DataMember(Name = "iceServers")] IReadOnlyList<IceServer> IceServers,
    [property: Id(4), DataMember(Name = "startedAt")] DateTimeOffset StartedAt,
    [property: Id(5), DataMember(Name = "initiator")] string Initiator,
    [property: Id(6), DataMember(Name = "iceTransportPolicy")] string IceTransportPolicy = "all",
    [property: Id(7), DataMember(Name = "resumed")] bool Resumed = false);
