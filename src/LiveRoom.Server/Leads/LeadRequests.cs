using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Leads;

namespace LiveRoom.Server.Leads;

/// <summary>
/// What a viewer sends: their details, the consent (required), the separate marketing opt-in, and which
/// version of the consent text they read in which locale (the page sends both; an API client may omit them).
/// </summary>
public sealed record LeadRequest(
    string? Name, string? Phone, string? Email, string? Company, string? Note, bool Consent, bool MarketingOptIn = false, int? ConsentVersion = null, string? Locale = null);

/// <summary>What staff set for a room's form.</summary>
public sealed record LeadFormRequest(bool Enabled, LeadFormFields? Fields, LocalizedText? ConsentText, LocalizedText? MarketingText);

public sealed record ContactedRequest(bool Contacted);
