using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Moderation;

/// <summary>
/// A room's moderation settings, as staff see them: how long a new identity waits before its first
/// message (0: no wait), and how many client networks are banned (the addresses themselves are never sent).
/// </summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.ModerationSettings")]
[DataContract]
public sealed record ModerationSettings(
    [property: Id(0), DataMember(Name = "newViewerDelaySeconds")] int NewViewerDelaySeconds,
    [property: Id(1), DataMember(Name = "bannedAddresses")] int BannedAddresses);
