namespace LiveRoom.Contracts.Leads;

/// <summary>Where a lead's details came from.</summary>
public enum LeadSource
{
    /// <summary>The room's lead form.</summary>
    Form,

    /// <summary>A call-back request left when nobody could take the viewer aside.</summary>
    CallBack,
}
