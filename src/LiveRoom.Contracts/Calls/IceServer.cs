using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Calls;

/// <summary>
/// One STUN or TURN server a call participant's browser may use, in the shape of the browser's
/// <c>RTCIceServer</c> (<c>{urls, username, credential}</c>), so a page can hand the list straight to
/// <c>new RTCPeerConnection({iceServers})</c>. <see cref="Username"/> and <see cref="Credential"/> are null for
/// a server that needs none (plain STUN); for LiveRoom's TURN relay they are minted for one participant of one
/// call and stop working shortly after the call's expected end.
/// </summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.IceServer")]
[DataContract]
public sealed record IceServer(
    [property: Id(0), DataMember(Name = "urls")] string[] Urls,
    [property: Id(1), DataMember(Name = "username")] string? Username,
    [property: Id(2), DataMember(Name = "credential")] string? Credential);
