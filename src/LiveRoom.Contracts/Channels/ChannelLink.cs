namespace LiveRoom.Contracts.Channels;

/// <summary>A viewer's own counting link to their room's channel (<c>/go/{Code}</c>): one per viewer, room and source.</summary>
public sealed record ChannelLink(string Code, string RoomId, string ViewerId, ChannelSource Source);
