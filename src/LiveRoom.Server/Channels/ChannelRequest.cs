using LiveRoom.Contracts.Channels;
using LiveRoom.Contracts.Common;

namespace LiveRoom.Server.Channels;

/// <summary>What staff set for a room's private channel.</summary>
public sealed record ChannelRequest(bool Enabled, ChannelKind Kind, string? Url, LocalizedText? Label);
