
namespace LiveRoom.Contracts.Common;

/// <summary>What user-written text must look like before a room accepts it.</summary>
public static class TextRules
{
    /// <summary>
    /// Trims <paramref name="text"/> and checks it: not empty, at most <paramref name="maxLength"/>
    /// characters (a character is a Unicode scalar, so one Chinese character or emoji counts once), no
    /// control characters but line breaks and tabs. Returns the text to store, or a refusal.
    /// </summary>
    public static Outcome<string> Check(string? text, int maxLength, string what)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0) return Outcome<string>.From(Refusals.EmptyText);
        var length = 0;
        foreach (var rune in trimmed.EnumerateRunes())
        {
            if (++length > maxLength) return Outcome<string>.From(Refusals.TooLong(what, maxLength));
            if (System.Text.Rune.IsControl(rune) && rune.Value is not ('\n' or '\r' or '\t'))
            {
                return Outcome<string>.Refused(RefusalCode.Invalid, $"The {what} contains characters that are not allowed.");
            }
        }

        return Outcome<string>.Ok(trimmed);
    }

    /// <summary>A display name: 1–40 characters, no control characters at all.</summary>
    public static Outcome<string> CheckDisplayName(string? name)
    {
        var checkedName = Check(name, 40, "name");
        if (!checkedName.IsSuccess) return checkedName;
        return checkedName.Value!.EnumerateRunes().Any(System.Text.Rune.IsControl)
            ? Outcome<string>.Refused(RefusalCode.Invalid, "The name contains characters that are not allowed.")
            : checkedName;
    }
}
