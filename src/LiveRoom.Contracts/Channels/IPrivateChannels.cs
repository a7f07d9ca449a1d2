namespace LiveRoom.Contracts.Channels;

/// <summary>Rooms' private channels and the viewers' counting links, kept in the business database.</summary>
public interface IPrivateChannels
{
    /// <summary>The room's channel; null when staff never set one.</summary>
    Task<PrivateChannel?> GetAsync(string roomId, CancellationToken cancellationToken = default);

    Task SaveAsync(PrivateChannel channel, CancellationToken cancellationToken = default);

    /// <summary>The viewer's link for <paramref name="source"/> in the room, made the first time it is asked for (<paramref name="newCode"/>).</summary>
    Task<ChannelLink> LinkAsync(string roomId, string viewerId, ChannelSource source, string newCode, CancellationToken cancellationToken = default);

    /// <summary>The link a code stands for; null when there is none.</summary>
    Task<ChannelLink?> FindLinkAsync(string code, CancellationToken cancellationToken = default);
}
