using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Leads;

/// <summary>Which fields a room's lead form asks for. <c>note</c> is the viewer's free question.</summary>
[DataContract]
public sealed record LeadFormFields(
    [property: DataMember(Name = "name")] LeadFieldMode Name,
    [property: DataMember(Name = "phone")] LeadFieldMode Phone,
    [property: DataMember(Name = "email")] LeadFieldMode Email,
    [property: DataMember(Name = "company")] LeadFieldMode Company,
    [property: DataMember(Name = "note")] LeadFieldMode Note)
{
    public static LeadFormFields Default { get; } = new(LeadFieldMode.Optional, LeadFieldMode.Optional, LeadFieldMode.Optional, LeadFieldMode.Off, LeadFieldMode.Optional);
}
