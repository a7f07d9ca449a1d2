using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Delivery;
using LiveRoom.Contracts.Products;
using LiveRoom.Contracts.Questions;
using LiveRoom.Contracts.Rooms;

namespace LiveRoom.Grains.Rooms;

/// <summary>What happened in a room since the last frame; a question changed twice is sent once, as it is now.</summary>
internal sealed class PendingFrame
{
    private readonly List<ChatMessage> _chat = [];
    private readonly OrderedDictionary<string, Question> _questions = new(StringComparer.Ordinal);
    private readonly List<string> _deletedChatIds = [];
    private readonly List<ProductCard> _cards = [];
    private int? _viewerCount;
    private RoomStatus? _status;

    public bool IsEmpty => _chat.Count == 0 && _questions.Count == 0 && _deletedChatIds.Count == 0 && _cards.Count == 0 && _viewerCount is null && _status is null;

    public void Add(ChatMessage message) => _chat.Add(message);

    public void Add(Question question) => _questions[question.Id] = question;

    public void Add(ProductCard card) => _cards.Add(card);

    public void AddDeleted(string messageId)
    {
        _deletedChatIds.Add(messageId);
        _chat.RemoveAll(m => m.Id == messageId);
    }

    public void SetViewerCount(int count) => _viewerCount = count;

    public void SetStatus(RoomStatus status) => _status = status;

    public RoomFrame Take(string roomId, long sequence)
    {
        var frame = new RoomFrame(roomId, sequence, [.. _chat], [.. _questions.Values], [.. _deletedChatIds], _viewerCount, _status, _cards.Count == 0 ? null : [.. _cards]);
        _chat.Clear();
        _questions.Clear();
        _deletedChatIds.Clear();
        _cards.Clear();
        _viewerCount = null;
        _status = null;
        return frame;
    }
}
