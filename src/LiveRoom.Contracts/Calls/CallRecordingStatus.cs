using System.Runtime.Serialization;
using LiveRoom.Contracts.Delivery;

namespace LiveRoom.Contracts.Calls;

/// <summary>
/// The <c>recordingState</c> event (to every participant): the state, who asked, and the answers so far.
/// <see cref="Pending"/> are the participants whose answer is still needed. <see cref="Take"/> counts the times the
/// recording started (each start is a new take, uploaded and joined in order).
/// </summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.CallRecordingStatus")]
[DataContract]
public sealed record CallRecordingStatus(
    [property: Id(0), DataMember(Name = "callId")] string CallId,
    [property: Id(1), DataMember(Name = "state")] RecordingState State,
    [property: Id(2), DataMember(Name = "requestedBy")] string? RequestedBy,
    [property: Id(3), DataMember(Name = "consents")] IReadOnlyList<RecordingConsent> Consents,
    [property: Id(4), DataMember(Name = "pending")] IReadOnlyList<string> Pending,
    [property: Id(5), DataMember(Name = "since")] DateTimeOffset? Since,
    [property: Id(6), DataMember(Name = "take")] int Take) : PersonalEvent;
