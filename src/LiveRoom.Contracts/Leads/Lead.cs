using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace LiveRoom.Contracts.Leads;

/// <summary>
/// A viewer who left their details in a room: one per viewer and room (sending again updates it). The phone
/// number is E.164. <see cref="MarketingConsent"/> is set only when the viewer ticked the separate opt-in.
/// <see cref="Score"/> is the viewer's engagement score in the room, in the staff's list only (docs/FUNNEL.md).
/// </summary>
[DataContract]
public sealed record Lead(
    [property: DataMember(Name = "id")] string Id,
    [property: DataMember(Name = "roomId")] string RoomId,
    [property: DataMember(Name = "viewerId")] string ViewerId,
    [property: DataMember(Name = "name")] string? Name,
    [property: DataMember(Name = "phone")] string? Phone,
    [property: DataMember(Name = "email")] string? Email,
    [property: DataMember(Name = "company")] string? Company,
    [property: DataMember(Name = "note")] string? Note,
    [property: DataMember(Name = "consent")] LeadConsent Consent,
    [property: DataMember(Name = "marketingConsent")] LeadConsent? MarketingConsent,
    [property: DataMember(Name = "source")] LeadSource Source,
    [property: DataMember(Name = "createdAt")] DateTimeOffset CreatedAt,
    [property: DataMember(Name = "updatedAt")] DateTimeOffset UpdatedAt,
    [property: DataMember(Name = "contactedAt")] DateTimeOffset? ContactedAt,
    [property: DataMember(Name = "contactedBy")] string? ContactedBy)
{
    [DataMember(Name = "score")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Score { get; init; }
}
