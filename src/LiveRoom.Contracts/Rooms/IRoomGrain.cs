using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Delivery;
using LiveRoom.Contracts.Live;
using LiveRoom.Contracts.Moderation;
using LiveRoom.Contracts.Questions;
using LiveRoom.Contracts.Recordings;
using LiveRoom.Contracts.Viewers;

namespace LiveRoom.Contracts.Rooms;

/// <summary>
/// One live room (key: room id). The single writer of the room's chat order and Q&amp;A; it coalesces what
/// happens into frames and sends one frame per web node to that node's <see cref="IRoomObserver"/>.
/// </summary>
[Alias("LiveRoom.IRoomGrain")]
public interface IRoomGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<Outcome<RoomDetails>> CreateAsync(CreateRoomCommand command);

    /// <summary>The room's staff view, or null when no room has this id.</summary>
    [Alias("GetDetails")]
    Task<RoomDetails?> GetDetailsAsync();

    [Alias("End")]
    Task<Outcome<RoomDetails>> EndAsync();

    [Alias("RotateStreamKey")]
    Task<Outcome<RoomDetails>> RotateStreamKeyAsync();

    /// <summary>
    /// Rotates the stream key and, when the room is live, disconnects its publisher (a leaked key): the room
    /// is interrupted as on any drop and the publisher's connection, on whichever node, is closed.
    /// </summary>
    [Alias("RotateStreamKeyAndDisconnect")]
    Task<Outcome<RoomDetails>> RotateStreamKeyAndDisconnectAsync();

    /// <summary>Whether ingest session <paramref name="sessionId"/> is still the room's publisher (false once the room ended or the publisher was disconnected).</summary>
    [Alias("IsPublishing")]
    Task<bool> IsPublishingAsync(string sessionId);

    [Alias("GetSnapshot")]
    Task<Outcome<RoomSnapshot>> GetSnapshotAsync(Participant? me);

    [Alias("PostChat")]
    Task<Outcome<ChatMessage>> PostChatAsync(Sender sender, string text);

    [Alias("DeleteChat")]
    Task<Outcome<string>> DeleteChatAsync(string messageId);

    [Alias("AskQuestion")]
    Task<Outcome<Question>> AskQuestionAsync(QuestionAuthor author, string text);

    [Alias("Upvote")]
    Task<Outcome<Question>> UpvoteAsync(string questionId, string voterId);

    [Alias("Answer")]
    Task<Outcome<Question>> AnswerAsync(string questionId, string answer, Sender answeredBy);

    [Alias("Pin")]
    Task<Outcome<Question>> PinAsync(string questionId, bool pinned);

    [Alias("Dismiss")]
    Task<Outcome<Question>> DismissAsync(string questionId);

    /// <summary>
    /// A publisher with <paramref name="streamKey"/> wants to go live (session <paramref name="sessionId"/>).
    /// Refused for a wrong key, an ended room, or while another session publishes; an interrupted room
    /// within its grace period resumes.
    /// </summary>
    [Alias("StartPublishing")]
    Task<Outcome<PublishGrant>> StartPublishingAsync(string streamKey, string sessionId);

    /// <summary>
    /// As <see cref="StartPublishingAsync(string, string)"/>, from the ingest of node <paramref name="ingestNode"/>
    /// (its silo address with generation). The room records that node: a room live on a node that is gone
    /// (the process died, or left the cluster) is interrupted, and its returning publisher gets in.
    /// </summary>
    [Alias("StartPublishingFrom")]
    Task<Outcome<PublishGrant>> StartPublishingFromAsync(string streamKey, string sessionId, string ingestNode);

    /// <summary>
    /// Checks that the node holding the room's ingest still runs; a live room whose ingest node is gone is
    /// interrupted (its grace period starts). Returns the room's status, null when there is no room.
    /// </summary>
    [Alias("CheckIngest")]
    Task<RoomStatus?> CheckIngestAsync();

    /// <summary>The publisher of <paramref name="sessionId"/> is gone: the room is interrupted until it comes back or the grace period ends it.</summary>
    [Alias("StopPublishing")]
    Task StopPublishingAsync(string sessionId);

    /// <summary>How far the recording job has got (0–1), shown while the recording is being made.</summary>
    [Alias("ReportRecordingProgress")]
    Task ReportRecordingProgressAsync(double progress);

    /// <summary>There will be no recording (nothing was streamed, or every attempt failed): stop showing progress.</summary>
    [Alias("RecordingUnavailable")]
    Task RecordingUnavailableAsync();

    /// <summary>The recording is stored and may be offered for replay.</summary>
    [Alias("SetRecording")]
    Task SetRecordingAsync(RecordingInfo recording);

    /// <summary>
    /// A web node says it has connections of <paramref name="connections"/> distinct people (identities) in this room and listens through
    /// <paramref name="observer"/>. Nodes repeat this while they have connections; a node not heard from
    /// for a while is dropped.
    /// </summary>
    [Alias("UpdateNode")]
    Task UpdateNodeAsync(string nodeId, IRoomObserver observer, int connections);

    [Alias("RemoveNode")]
    Task RemoveNodeAsync(string nodeId);

    /// <summary>True when any of <paramref name="addresses"/> (client networks) is banned in this room.</summary>
    [Alias("IsAddressBanned")]
    Task<bool> IsAddressBannedAsync(string[] addresses);

    /// <summary>Bans client networks in this room (or lifts the ban): no new identity, no join, no chat from them.</summary>
    [Alias("SetAddressesBanned")]
    Task<Outcome<ModerationSettings>> SetAddressesBannedAsync(string[] addresses, bool banned);

    /// <summary>Checks a viewer against the room's bans and its "new here" wait before it may speak.</summary>
    [Alias("CheckViewer")]
    Task<Refusal?> CheckViewerAsync(ViewerGate gate, bool speaking);

    /// <summary><see cref="PostChatAsync"/> for a viewer, after the checks of <see cref="CheckViewerAsync"/> (one call, not two).</summary>
    [Alias("PostViewerChat")]
    Task<Outcome<ChatMessage>> PostViewerChatAsync(Sender sender, string text, ViewerGate gate);

    [Alias("GetModeration")]
    Task<ModerationSettings?> GetModerationAsync();

    /// <summary>How long (seconds, 0 = off) a new viewer identity waits before its first message.</summary>
    [Alias("SetNewViewerDelay")]
    Task<Outcome<ModerationSettings>> SetNewViewerDelayAsync(int seconds);
}
