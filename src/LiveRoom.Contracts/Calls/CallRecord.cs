using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Calls;

/// <summary>
/// A call in the history: who, from which room and ticket, how long the viewer waited and talked, how it
/// ended, the viewer's rating, the agent's note, and its recording (null when nothing was recorded). Written
/// when the call starts and again when it ends; the recording by the job that makes it.
/// </summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.CallRecord")]
[DataContract]
public sealed record CallRecord(
    [property: Id(0), DataMember(Name = "callId")] string CallId,
    [property: Id(1), DataMember(Name = "roomId")] string RoomId,
    [property: Id(2), DataMember(Name = "ticketId")] string TicketId,
    [property: Id(3), DataMember(Name = "topic")] string? Topic,
    [property: Id(4), DataMember(Name = "participants")] IReadOnlyList<CallParticipant> Participants,
    [property: Id(5), DataMember(Name = "requestedAt")] DateTimeOffset RequestedAt,
    [property: Id(6), DataMember(Name = "startedAt")] DateTimeOffset StartedAt,
    [property: Id(7), DataMember(Name = "endedAt")] DateTimeOffset? EndedAt,
    [property: Id(8), DataMember(Name = "outcome")] string? Outcome,
    [property: Id(9), DataMember(Name = "rating")] int? Rating,
    [property: Id(10), DataMember(Name = "ratingComment")] string? RatingComment,
    [property: Id(11), DataMember(Name = "note")] string? Note,
    [property: Id(12), DataMember(Name = "recording")] CallRecordingInfo? Recording = null)
{
    [DataMember(Name = "waitSeconds")]
    public int WaitSeconds => (int)Math.Max(0, (StartedAt - RequestedAt).TotalSeconds);

    [DataMember(Name = "durationSeconds")]
    public int? DurationSeconds => EndedAt is { } ended ? (int)Math.Max(0, (ended - StartedAt).TotalSeconds) : null;
}
