using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Leads;

namespace LiveRoom.Server.Leads;

/// <summary>What staff may set on a room's form. A change to the consent or opt-in wording makes a new consent version.</summary>
internal static class LeadFormRules
{
    public static Outcome<LeadForm> Apply(LeadForm current, LeadFormRequest request, DateTimeOffset now)
    {
        var fields = request.Fields ?? current.Fields;
        if (fields.Phone == LeadFieldMode.Off && fields.Email == LeadFieldMode.Off)
            return Outcome<LeadForm>.Refused(RefusalCode.Invalid, "The form must ask for a phone number or an email address.");

        var consent = request.ConsentText ?? current.ConsentText;
        if (string.IsNullOrWhiteSpace(consent.En) || string.IsNullOrWhiteSpace(consent.Zh))
            return Outcome<LeadForm>.Refused(RefusalCode.Invalid, "The consent text is needed in English and in Chinese.");
        var checkedConsent = Check(consent, "consent text");
        if (!checkedConsent.IsSuccess) return Outcome<LeadForm>.From(checkedConsent.Refusal!);

        LocalizedText? marketing = null;
        if (request.MarketingText is { IsEmpty: false } offered)
        {
            if (string.IsNullOrWhiteSpace(offered.En) || string.IsNullOrWhiteSpace(offered.Zh))
                return Outcome<LeadForm>.Refused(RefusalCode.Invalid, "The marketing opt-in text is needed in English and in Chinese, or not at all.");
            var checkedMarketing = Check(offered, "marketing opt-in text");
            if (!checkedMarketing.IsSuccess) return Outcome<LeadForm>.From(checkedMarketing.Refusal!);
            marketing = checkedMarketing.Value;
        }

        var reworded = checkedConsent.Value != current.ConsentText || marketing != current.MarketingText;
        return Outcome<LeadForm>.Ok(current with
        {
            Enabled = request.Enabled,
            Fields = fields,
            ConsentText = checkedConsent.Value!,
            MarketingText = marketing,
            ConsentVersion = reworded ? current.ConsentVersion + 1 : current.ConsentVersion,
            UpdatedAt = now,
        });
    }

    private static Outcome<LocalizedText> Check(LocalizedText text, string what)
    {
        var en = TextRules.Check(text.En, LeadEndpoints.MaxConsentTextLength, what);
        if (!en.IsSuccess) return Outcome<LocalizedText>.From(en.Refusal!);
        var zh = TextRules.Check(text.Zh, LeadEndpoints.MaxConsentTextLength, what);
        return zh.IsSuccess ? Outcome<LocalizedText>.Ok(new LocalizedText(en.Value!, zh.Value!)) : Outcome<LocalizedText>.From(zh.Refusal!);
    }
}
