using System.Runtime.Serialization;
using LiveRoom.Contracts.Common;

namespace LiveRoom.Contracts.Channels;

/// <summary>
/// Where a room sends viewers who want to keep in touch: the company's private channel. <see cref="Url"/> is the
/// only place the room's counting redirect goes; <see cref="Label"/> is what the page says above the QR code.
/// </summary>
[DataContract]
public sealed record PrivateChannel(
    [property: DataMember(Name = "roomId")] string RoomId,
    [property: DataMember(Name = "enabled")] bool Enabled,
    [property: DataMember(Name = "kind")] ChannelKind Kind,
    [property: DataMember(Name = "url")] string Url,
    [property: DataMember(Name = "label")] LocalizedText Label,
    [property: DataMember(Name = "updatedAt")] DateTimeOffset UpdatedAt);
