using System.Runtime.Serialization;
using LiveRoom.Contracts.Channels;
using LiveRoom.Contracts.Common;

namespace LiveRoom.Server.Channels;

/// <summary>
/// A room's private channel as a viewer's page shows it: its kind and label, and the viewer's own counting link
/// (<c>link</c>) — the channel's address itself is not handed out. The QR code comes from <c>qr.svg</c> / <c>qr.png</c>.
/// </summary>
[DataContract]
public sealed record ChannelView(
    [property: DataMember(Name = "enabled")] bool Enabled,
    [property: DataMember(Name = "kind")] ChannelKind Kind,
    [property: DataMember(Name = "label")] LocalizedText Label,
    [property: DataMember(Name = "link")] string? Link);
