using LiveRoom.Contracts.Model;

namespace LiveRoom.Contracts.Grains;

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

    [Alias("Get")]
    Task<Participant?> GetAsync();

    [Alias("Join")]
    Task<Outcome<RoomSnapshot>> JoinAsync();

    [Alias("SendChat")]
    Task<Outcome<ChatMessage>> SendChatAsync(string text);

    [Alias("AskQuestion")]
    Task<Outcome<Question>> AskQuestionAsync(string text);

    [Alias("Upvote")]
    Task<Outcome<Question>> UpvoteAsync(string questionId);

    [Alias("SetMuted")]
    Task<Outcome<Participant>> SetMutedAsync(bool muted);
}
