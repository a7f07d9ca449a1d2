using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Engagement;
using LiveRoom.Contracts.Questions;
using LiveRoom.Contracts.Rooms;
using Orleans.Concurrency;

namespace LiveRoom.Contracts.Viewers;

/// <summary>
/// One person in one room (key: <see cref="GrainKeys.Viewer(string, string)"/>): a viewer, or a member of
/// staff present in the room. Owns the per-person rules (mute, ban, chat rate) and forwards what passes
/// to the room grain.
/// </summary>
[Alias("LiveRoom.IViewerGrain")]
public interface IViewerGrain : IGrainWithStringKey
{
    /// <summary>Records who this is (idempotent; a later call updates the name and role).</summary>
    [Alias("Register")]
    Task<Participant> RegisterAsync(string displayName, ParticipantRole role);

    /// <summary>
    /// Records a new anonymous viewer and the client network (<paramref name="address"/>) the identity was
    /// issued to; the address stays with the identity for bans and is never shown.
    /// </summary>
    [Alias("RegisterViewer")]
    Task<Participant> RegisterViewerAsync(string displayName, string address);

    [Alias("Get")]
    Task<Participant?> GetAsync();

    [Alias("Join")]
    Task<Outcome<RoomSnapshot>> JoinAsync();

    /// <summary>
    /// Joins from a connection whose client network is <paramref name="address"/> (null for staff): refused
    /// when the identity or any network it came from is banned in the room.
    /// </summary>
    [Alias("JoinFrom")]
    Task<Outcome<RoomSnapshot>> JoinFromAsync(string? address);

    [Alias("SendChat")]
    Task<Outcome<ChatMessage>> SendChatAsync(string text);

    [Alias("AskQuestion")]
    Task<Outcome<Question>> AskQuestionAsync(string text);

    [Alias("Upvote")]
    Task<Outcome<Question>> UpvoteAsync(string questionId);

    [Alias("SetMuted")]
    Task<Outcome<Participant>> SetMutedAsync(bool muted);

    /// <summary>
    /// Counts something the viewer did towards their engagement (watch seconds in <paramref name="amount"/>); staff
    /// are not counted. One-way: the caller does not wait, and the count is written in a batch.
    /// </summary>
    [Alias("Record"), OneWay]
    Task RecordAsync(EngagementKind kind, string? subject = null, int amount = 1);

    /// <summary>Bans (or lifts the ban on) this viewer and every client network the identity was issued to or joined from, in this room.</summary>
    [Alias("SetBanned")]
    Task<Outcome<Participant>> SetBannedAsync(bool banned);
}
