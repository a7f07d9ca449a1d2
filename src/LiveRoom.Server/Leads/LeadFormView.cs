using System.Runtime.Serialization;
using LiveRoom.Contracts.Leads;

namespace LiveRoom.Server.Leads;

/// <summary>A room's lead form as a viewer's page shows it, with the details the viewer already left there (if any).</summary>
[DataContract]
public sealed record LeadFormView(
    [property: DataMember(Name = "form")] LeadForm Form,
    [property: DataMember(Name = "mine")] Lead? Mine);
