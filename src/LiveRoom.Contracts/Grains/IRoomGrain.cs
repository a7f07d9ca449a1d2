using LiveRoom.Contracts.Model;

namespace LiveRoom.Contracts.Grains;

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
    /// A web node says it has <paramref name="connections"/> connections in this room and listens through
    /// <paramref name="observer"/>. Nodes repeat this while they have connections; a node not heard from
    /// for a while is dropped.
    /// </summary>
    [Alias("UpdateNode")]
    Task UpdateNodeAsync(string nodeId, IRoomObserver observer, int connections);

    [Alias("RemoveNode")]
    Task RemoveNodeAsync(string nodeId);
}
