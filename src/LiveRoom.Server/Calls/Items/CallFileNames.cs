using System.Globalization;
using System.Text;

namespace LiveRoom.Server.Calls.Items;

/// <summary>
/// The name a shared file is kept and offered for download under: the last segment of what the client sent,
/// without control or format characters nor characters file systems refuse, at most
/// <see cref="MaxLength"/> characters, ending with the extension of its checked type.
/// </summary>
public static class CallFileNames
{
    public const int MaxLength = 120;

    private const string Refused = "\\/:*?\"<>|";

    public static string Sanitise(string? name, string mediaType)
    {
        var extension = CallFileTypes.Extension(mediaType);
        var text = (name ?? string.Empty).Normalize(NormalizationForm.FormC);
        var lastSlash = text.LastIndexOfAny(['/', '\\']);
        if (lastSlash >= 0) text = text[(lastSlash + 1)..];

        var kept = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator) continue;
            if (rune.IsAscii && Refused.Contains((char)rune.Value, StringComparison.Ordinal)) continue;
            kept.Append(Rune.IsWhiteSpace(rune) ? " " : rune.ToString());
        }

        // No leading dots (hidden files, "..") and no trailing dots or spaces (Windows drops them).
        var stem = kept.ToString().Trim().TrimStart('.').TrimEnd('.', ' ');
        if (stem.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) stem = stem[..^extension.Length].TrimEnd('.', ' ');
        stem = Cut(stem, MaxLength - extension.Length);
        return (stem.Length == 0 ? "file" : stem) + extension;
    }

    /// <summary>At most <paramref name="max"/> UTF-16 units, never splitting a character.</summary>
    private static string Cut(string text, int max)
    {
        if (text.Length <= max) return text;
        var end = max;
        if (char.IsHighSurrogate(text[end - 1])) end--;
        return text[..end].TrimEnd('.', ' ');
    }
}
