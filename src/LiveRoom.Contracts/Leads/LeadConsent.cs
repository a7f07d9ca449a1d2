using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Leads;

/// <summary>The consent a viewer gave: the exact text they saw, its version and locale, and when.</summary>
[DataContract]
public sealed record LeadConsent(
    [property: DataMember(Name = "version")] int Version,
    [property: DataMember(Name = "locale")] string Locale,
    [property: DataMember(Name = "text")] string Text,
    [property: DataMember(Name = "at")] DateTimeOffset At);
