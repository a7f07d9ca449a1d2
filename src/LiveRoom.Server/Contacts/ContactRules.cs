using System.Net.Mail;
using LiveRoom.Contracts.Common;
using PhoneNumbers;

namespace LiveRoom.Server.Contacts;

/// <summary>
/// The rules for contact details a viewer leaves: phone numbers read with libphonenumber and stored in E.164,
/// e-mail addresses checked, optional texts trimmed and bounded; and how a phone number is shown to anyone
/// but the staff who work with it (masked).
/// </summary>
public static class ContactRules
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>A phone number as dialled from anywhere (E.164), read in <paramref name="defaultRegion"/> when it has no country code.</summary>
    public static Outcome<string?> NormalisePhone(string? phone, string defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(phone)) return Outcome<string?>.Ok(null);
        try
        {
            var number = Phones.Parse(phone.Trim(), defaultRegion);
            if (Phones.IsValidNumber(number)) return Outcome<string?>.Ok(Phones.Format(number, PhoneNumberFormat.E164));
        }
        catch (NumberParseException)
        {
        }

        return Outcome<string?>.Refused(RefusalCode.Invalid, "That is not a phone number we can call.");
    }

    public static Outcome<string?> NormaliseEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return Outcome<string?>.Ok(null);
        var text = email.Trim();
        return text.Length <= 254 && MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.', StringComparison.Ordinal)
            ? Outcome<string?>.Ok(text)
            : Outcome<string?>.Refused(RefusalCode.Invalid, "That is not an email address.");
    }

    /// <summary>An optional text: null when blank, otherwise checked by the text rules (length, control characters).</summary>
    public static Outcome<string?> Optional(string? text, int max, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) return Outcome<string?>.Ok(null);
        var checkedText = TextRules.Check(text, max, what);
        return checkedText.IsSuccess ? Outcome<string?>.Ok(checkedText.Value) : Outcome<string?>.From(checkedText.Refusal!);
    }

    /// <summary>
    /// A phone number with all but its country code, first three and last two digits hidden
    /// (<c>+8613812345678</c> → <c>+86 138******78</c>): for logs, and for anyone who must not read it whole.
    /// </summary>
    public static string MaskPhone(string? phone)
    {
        if (string.IsNullOrEmpty(phone)) return string.Empty;
        var digits = phone.TrimStart('+');
        var countryCode = 0;
        try
        {
            var number = Phones.Parse(phone, "ZZ");
            countryCode = number.CountryCode;
        }
        catch (NumberParseException)
        {
        }

        var prefix = countryCode > 0 && digits.StartsWith(countryCode.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            ? countryCode.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : string.Empty;
        var national = digits[prefix.Length..];
        var shown = national.Length <= 5 ? new string('*', national.Length) : national[..3] + new string('*', national.Length - 5) + national[^2..];
        return prefix.Length > 0 ? $"+{prefix} {shown}" : shown;
    }
}
