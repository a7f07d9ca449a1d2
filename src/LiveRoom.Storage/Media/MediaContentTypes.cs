namespace LiveRoom.Storage.Media;

/// <summary>Checks the content type given with an object: it is sent back as a response header.</summary>
internal static class MediaContentTypes
{
    public const string Default = "application/octet-stream";

    private const int MaxLength = 255;

    public static void ThrowIfInvalid(string? contentType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        if (contentType.Length > MaxLength || !contentType.Contains('/', StringComparison.Ordinal) || contentType.Any(c => c is < ' ' or > '~'))
        {
            throw new ArgumentException(
                $"Content type '{contentType}' is not valid: expected something like video/mp4, printable ASCII, at most {MaxLength} characters.",
                nameof(contentType));
        }
    }
}
