using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Questions;

namespace LiveRoom.Contracts.Rooms;

/// <summary>
/// The durable records of rooms: the room directory, chat history, questions and votes. Every write has
/// reached the disk when the returned task completes.
/// </summary>
public interface IRoomRecords
{
    Task UpsertRoomAsync(RoomRecord room, CancellationToken cancellationToken = default);

    /// <summary>Rooms, newest first.</summary>
    Task<IReadOnlyList<RoomRecord>> ListRoomsAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>The ids of rooms recorded as live or interrupted (on air), whatever their age.</summary>
    Task<IReadOnlyList<string>> ListOnAirRoomIdsAsync(CancellationToken cancellationToken = default);

    Task AppendChatAsync(long sequence, ChatMessage message, CancellationToken cancellationToken = default);

    Task<long> GetLastChatSequenceAsync(string roomId, CancellationToken cancellationToken = default);

    /// <summary>The last <paramref name="count"/> messages not deleted, oldest first.</summary>
    Task<IReadOnlyList<ChatMessage>> LoadRecentChatAsync(string roomId, int count, CancellationToken cancellationToken = default);

    /// <summary>The last <paramref name="count"/> lines one sender wrote in a room, oldest first (not deleted ones).</summary>
    Task<IReadOnlyList<ChatMessage>> LoadChatBySenderAsync(string roomId, string senderId, int count, CancellationToken cancellationToken = default);

    /// <summary>Messages not deleted after sequence <paramref name="afterSequence"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ChatMessage>> LoadChatAfterAsync(string roomId, long afterSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>Marks a message deleted; false when there is no such message.</summary>
    Task<bool> MarkChatDeletedAsync(string roomId, long sequence, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces a question (everything but its votes, which only <see cref="AddVoteAsync"/> changes).</summary>
    Task SaveQuestionAsync(long sequence, Question question, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records one vote and counts it, atomically. False (and nothing changed) when that voter has already
    /// voted for that question.
    /// </summary>
    Task<bool> AddVoteAsync(string roomId, long questionSequence, string voterId, DateTimeOffset votedAt, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoredQuestion>> LoadQuestionsAsync(string roomId, CancellationToken cancellationToken = default);
}
