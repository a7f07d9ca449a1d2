namespace LiveRoom.Contracts.Leads;

/// <summary>Whether a lead form asks for a field, and whether the viewer must fill it in.</summary>
public enum LeadFieldMode
{
    Off,
    Optional,
    Required,
}
