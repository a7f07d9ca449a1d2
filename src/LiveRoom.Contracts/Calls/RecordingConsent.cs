using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Calls;

/// <summary>One participant's answer to a request to record: when, and the text they were shown.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.RecordingConsent")]
[DataContract]
public sealed record RecordingConsent(
    [property: Id(0), DataMember(Name = "participantId")] string ParticipantId,
    [property: Id(1), DataMember(Name = "agreed")] bool Agreed,
    [property: Id(2), DataMember(Name = "at")] DateTimeOffset At,
    [property: Id(3), DataMember(Name = "text")] string Text);
