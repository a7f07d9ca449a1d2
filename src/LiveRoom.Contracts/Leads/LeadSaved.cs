namespace LiveRoom.Contracts.Leads;

/// <summary>A lead as stored, and whether this submission created it (false: it updated the viewer's earlier one).</summary>
public sealed record LeadSaved(Lead Lead, bool Created);
