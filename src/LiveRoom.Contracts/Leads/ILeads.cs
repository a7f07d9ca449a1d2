namespace LiveRoom.Contracts.Leads;

/// <summary>Lead forms and leads, kept in the business database.</summary>
public interface ILeads
{
    /// <summary>The room's form as staff last saved it; null when they never did (the room uses <see cref="LeadForm.Default"/>).</summary>
    Task<LeadForm?> GetFormAsync(string roomId, CancellationToken cancellationToken = default);

    Task SaveFormAsync(LeadForm form, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the viewer's lead in the room, or updates their earlier one (one per viewer and room): the fields
    /// given replace the stored ones, a null field keeps what was stored, and the consent is the latest given.
    /// </summary>
    Task<LeadSaved> UpsertAsync(Lead lead, CancellationToken cancellationToken = default);

    Task<Lead?> GetAsync(string roomId, string viewerId, CancellationToken cancellationToken = default);

    /// <summary>The room's leads, newest first (at most <paramref name="limit"/>).</summary>
    Task<IReadOnlyList<Lead>> ListAsync(string roomId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Marks a lead contacted (or not); null when there is none with that id.</summary>
    Task<Lead?> SetContactedAsync(string id, string? contactedBy, DateTimeOffset? at, CancellationToken cancellationToken = default);
}
