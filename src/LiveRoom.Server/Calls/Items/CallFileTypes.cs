using System.Text.Unicode;
using LiveRoom.Contracts.Calls;
using Microsoft.Net.Http.Headers;

namespace LiveRoom.Server.Calls.Items;

/// <summary>
/// The types a call's files may have, and a look at their bytes: a file is kept only when its content is what
/// its <c>Content-Type</c> says (a PNG starts with the PNG signature, a text is UTF-8 without NUL bytes), so a
/// participant cannot hand the other side a program or a page labelled as a picture.
/// </summary>
public static class CallFileTypes
{
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Webp = "image/webp";
    public const string Pdf = "application/pdf";
    public const string Text = "text/plain";

    public static IReadOnlyList<string> ForFiles { get; } = [Png, Jpeg, Webp, Pdf, Text];

    public static IReadOnlyList<string> ForSnapshots { get; } = [Jpeg, Png];

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> PdfSignature => "%PDF-"u8;

    public static IReadOnlyList<string> Allowed(CallFileKind kind) => kind == CallFileKind.Snapshot ? ForSnapshots : ForFiles;

    /// <summary>The allowed media type <paramref name="header"/> names (parameters dropped, lowercase); null when it names none.</summary>
    public static string? Parse(string? header, CallFileKind kind)
    {
        if (!MediaTypeHeaderValue.TryParse(header, out var parsed) || !parsed.MediaType.HasValue) return null;
        var mediaType = parsed.MediaType.Value.ToLowerInvariant();
        if (mediaType == Text && parsed.Charset.HasValue && !string.Equals(parsed.Charset.Value, "utf-8", StringComparison.OrdinalIgnoreCase)) return null;
        return Allowed(kind).Contains(mediaType) ? mediaType : null;
    }

    /// <summary>The <c>Content-Type</c> the file is kept and served with.</summary>
    public static string Stored(string mediaType) => mediaType == Text ? "text/plain; charset=utf-8" : mediaType;

    /// <summary>The file-name extension of <paramref name="mediaType"/>.</summary>
    public static string Extension(string mediaType) => mediaType switch
    {
        Png => ".png",
        Jpeg => ".jpg",
        Webp => ".webp",
        Pdf => ".pdf",
        _ => ".txt",
    };

    /// <summary>True when <paramref name="content"/> is what <paramref name="mediaType"/> says it is.</summary>
    public static bool Matches(string mediaType, ReadOnlySpan<byte> content) => mediaType switch
    {
        Png => content.StartsWith(PngSignature),
        Jpeg => content.StartsWith(JpegSignature),
        Webp => content.Length >= 12 && content[..4].SequenceEqual("RIFF"u8) && content.Slice(8, 4).SequenceEqual("WEBP"u8),
        Pdf => content.StartsWith(PdfSignature),
        Text => Utf8.IsValid(content) && !content.Contains((byte)0),
        _ => false,
    };
}
