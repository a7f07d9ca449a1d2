using LiveRoom.Contracts.Common;

using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Leads;

/// <summary>
/// A room's lead form: the fields it asks for, the consent the viewer must give (its text in each locale,
/// versioned: every change of wording is a new version) and an optional, separate marketing opt-in.
/// </summary>
[DataContract]
public sealed record LeadForm(
    [property: DataMember(Name = "roomId")] string RoomId,
    [property: DataMember(Name = "enabled")] bool Enabled,
    [property: DataMember(Name = "fields")] LeadFormFields Fields,
    [property: DataMember(Name = "consentText")] LocalizedText ConsentText,
    [property: DataMember(Name = "marketingText")] LocalizedText? MarketingText,
    [property: DataMember(Name = "consentVersion")] int ConsentVersion,
    [property: DataMember(Name = "updatedAt")] DateTimeOffset? UpdatedAt)
{
    public static readonly LocalizedText DefaultConsent = new(
        "I agree that the organiser of this live event may store the details above and contact me about my enquiry.",
        "我同意本场直播的主办方保存以上信息，并就我的咨询与我联系。");

    /// <summary>The form a room has until staff change it: name, phone, e-mail and a question; no marketing opt-in.</summary>
    public static LeadForm Default(string roomId) => new(roomId, true, LeadFormFields.Default, DefaultConsent, null, 1, null);
}
