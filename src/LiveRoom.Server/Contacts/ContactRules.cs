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

    /// <summary>
    /// <paramref name="text"/> with every phone number in it masked as <see cref="MaskPhone"/> does to the digits
    /// (a viewer who types their number in the public chat shows it to everyone: the lead form is the place for
    /// it). Text with fewer than seven digits is returned as it is, without looking further.
    /// </summary>
    public static string MaskPhonesIn(string text, string defaultRegion)
    {
        if (text.Count(char.IsAsciiDigit) < 7) return text;
        var matches = Phones.FindNumbers(text, defaultRegion, PhoneNumberUtil.Leniency.VALID, long.MaxValue).ToList();
        if (matches.Count == 0) return text;
        var masked = text.ToCharArray();
        foreach (var match in matches)
        {
            var digits = Enumerable.Range(match.Start, match.Length).Where(i => char.IsAsciiDigit(masked[i])).ToList();
            // A written country code stays; of the rest, the first three and the last two digits, as in MaskPhone.
            if (match.RawString.StartsWith('+')) digits = [.. digits.Skip(match.Number.CountryCode.ToString(System.Globalization.CultureInfo.InvariantCulture).Length)];
            foreach (var index in digits.Skip(3).Take(Math.Max(0, digits.Count - 5))) masked[index] = '*';
        }

        return new string(masked);
    }
}
