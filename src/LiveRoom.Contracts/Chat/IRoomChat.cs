using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Viewers;

namespace LiveRoom.Contracts.Chat;

/// <summary>The room's chat: the single writer of its order. A role of the room grain (key: room id).</summary>
[Alias("LiveRoom.IRoomChat")]
public interface IRoomChat : IGrainWithStringKey
{
    [Alias("PostChat")]
    Task<Outcome<ChatMessage>> PostChatAsync(Sender sender, string text);

    [Alias("DeleteChat")]
    Task<Outcome<string>> DeleteChatAsync(string messageId);

    /// <summary><see cref="PostChatAsync"/> for a viewer, after the checks of <see cref="Moderation.IRoomModeration.CheckViewerAsync"/> (one call, not two).</summary>
    [Alias("PostViewerChat")]
    Task<Outcome<ChatMessage>> PostViewerChatAsync(Sender sender, string text, ViewerGate gate);
}
