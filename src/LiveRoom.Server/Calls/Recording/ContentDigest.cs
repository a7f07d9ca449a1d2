namespace LiveRoom.Server.Calls.Recording;

/// <summary>
/// The <c>Content-Digest</c> header (RFC 9530): a structured-field dictionary of algorithm names and byte
/// sequences, e.g. <c>sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:</c>. Only SHA-256 is read.
/// </summary>
internal static class ContentDigest
{
    public const string HeaderName = "Content-Digest";

    /// <summary>The SHA-256 the header states, or null when it states none or not in a form that can be read.</summary>
    public static byte[]? Sha256(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        foreach (var member in header.Split(','))
        {
            var entry = member.Trim();
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !entry.AsSpan(0, equals).Trim().Equals("sha-256", StringComparison.Ordinal)) continue;
            var value = entry.AsSpan(equals + 1).Trim();
            // Parameters (";…") may follow the byte sequence.
            var parameters = value.IndexOf(';');
            if (parameters >= 0) value = value[..parameters].TrimEnd();
            if (value.Length < 2 || value[0] != ':' || value[^1] != ':') return null;
            var bytes = new byte[32];
            return Convert.TryFromBase64Chars(value[1..^1], bytes, out var written) && written == 32 ? bytes : null;
        }

        return null;
    }
}
