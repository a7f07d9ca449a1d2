using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Leads;
using LiveRoom.Server.Contacts;

namespace LiveRoom.Server.Leads;

/// <summary>Reads a viewer's submission against the room's form: the fields it asks for, the consent, the contact rules.</summary>
internal static class LeadSubmission
{
    public static Outcome<Lead> Read(LeadRequest request, LeadForm form, string viewerId, string defaultPhoneRegion, DateTimeOffset now)
    {
        if (!request.Consent) return Outcome<Lead>.Refused(RefusalCode.ConsentRequired, "Tick the box to agree to be contacted first.");
        if (request.ConsentVersion is { } version && version != form.ConsentVersion)
            return Outcome<Lead>.Refused(RefusalCode.FormChanged, "The wording of the consent has changed: please read it again.");
        var locale = request.Locale?.Trim().ToLowerInvariant() is { } asked && LocalizedText.IsLocale(asked) ? asked : "en";

        var fields = form.Fields;
        var name = Field(request.Name, fields.Name, LeadEndpoints.MaxNameLength, "name");
        if (!name.IsSuccess) return Outcome<Lead>.From(name.Refusal!);
        var phone = fields.Phone == LeadFieldMode.Off ? Outcome<string?>.Ok(null) : ContactRules.NormalisePhone(request.Phone, defaultPhoneRegion);
        if (!phone.IsSuccess) return Outcome<Lead>.From(phone.Refusal!);
        var email = fields.Email == LeadFieldMode.Off ? Outcome<string?>.Ok(null) : ContactRules.NormaliseEmail(request.Email);
        if (!email.IsSuccess) return Outcome<Lead>.From(email.Refusal!);
        var company = Field(request.Company, fields.Company, LeadEndpoints.MaxCompanyLength, "company");
        if (!company.IsSuccess) return Outcome<Lead>.From(company.Refusal!);
        var note = Field(request.Note, fields.Note, LeadEndpoints.MaxNoteLength, "question");
        if (!note.IsSuccess) return Outcome<Lead>.From(note.Refusal!);

        if (fields.Phone == LeadFieldMode.Required && phone.Value is null) return Missing("phone number");
        if (fields.Email == LeadFieldMode.Required && email.Value is null) return Missing("email address");
        // Details nobody can reach are not a lead: without a required channel, one of the two is needed.
        if (phone.Value is null && email.Value is null) return Outcome<Lead>.Refused(RefusalCode.Invalid, "Leave a phone number or an email address.");

        var consent = new LeadConsent(form.ConsentVersion, locale, form.ConsentText.For(locale), now);
        var marketing = request.MarketingOptIn && form.MarketingText is { IsEmpty: false } offered
            ? new LeadConsent(form.ConsentVersion, locale, offered.For(locale), now)
            : null;
        return Outcome<Lead>.Ok(new Lead(
            "ld_" + Guid.NewGuid().ToString("N")[..16], form.RoomId, viewerId, name.Value, phone.Value, email.Value, company.Value, note.Value,
            consent, marketing, LeadSource.Form, now, now, null, null));
    }

    private static Outcome<string?> Field(string? value, LeadFieldMode mode, int max, string what)
    {
        if (mode == LeadFieldMode.Off) return Outcome<string?>.Ok(null);
        var text = ContactRules.Optional(value, max, what);
        if (text.IsSuccess && text.Value is null && mode == LeadFieldMode.Required) return Outcome<string?>.Refused(RefusalCode.Invalid, $"Fill in your {what}.");
        return text;
    }

    private static Outcome<Lead> Missing(string what) => Outcome<Lead>.Refused(RefusalCode.Invalid, $"Fill in your {what}.");
}
