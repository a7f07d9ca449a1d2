using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Chat;

/// <summary>How long chat messages, questions and staff answers may be in a room (the server's configuration), so a page can say so before sending.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.ChatLimits")]
[DataContract]
public sealed record ChatLimits(
    [property: Id(0), DataMember(Name = "maxMessageLength")] int MaxMessageLength,
    [property: Id(1), DataMember(Name = "maxQuestionLength")] int MaxQuestionLength,
    [property: Id(2), DataMember(Name = "maxAnswerLength")] int MaxAnswerLength);
