using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Products;
using LiveRoom.Contracts.Questions;
using LiveRoom.Contracts.Rooms;

namespace LiveRoom.Contracts.Delivery;

/// <summary>
/// Everything that happened in a room during one coalescing window. The room grain sends one frame to
/// each web node; the node forwards it to its local SignalR group as one event per non-empty part.
/// </summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.RoomFrame")]
public sealed record RoomFrame(
    [property: Id(0)] string RoomId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] IReadOnlyList<ChatMessage> Chat,
    [property: Id(3)] IReadOnlyList<Question> Questions,
    [property: Id(4)] IReadOnlyList<string> DeletedChatIds,
    [property: Id(5)] int? ViewerCount,
    [property: Id(6)] RoomStatus? Status,
    [property: Id(7)] IReadOnlyList<ProductCard>? Cards = null);
