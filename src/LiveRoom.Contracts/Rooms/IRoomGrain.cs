using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Delivery;
using LiveRoom.Contracts.Live;
using LiveRoom.Contracts.Moderation;
using LiveRoom.Contracts.Products;
using LiveRoom.Contracts.Questions;
using LiveRoom.Contracts.Recordings;

namespace LiveRoom.Contracts.Rooms;

/// <summary>
/// One live room (key: room id), in its roles. The single writer of the room's chat order and Q&amp;A; it
/// coalesces what happens into frames and sends one frame per web node to that node's <see cref="INodeObserver"/>.
/// Callers that need one role take that interface (<c>GetGrain&lt;IRoomChat&gt;(roomId)</c> reaches the same grain).
/// </summary>
[Alias("LiveRoom.IRoomGrain")]
public interface IRoomGrain : IRoomLifecycle, IRoomChat, IRoomQuestions, IRoomPublishing, IRoomRecording, IRoomNodes, IRoomModeration, IRoomProducts
{
}
