using System.Diagnostics.CodeAnalysis;

namespace LiveRoom.Storage.Media;

/// <summary>
/// The shape of media keys, e.g. <c>recordings/{roomId}/{recordingId}.mp4</c>: segments of <c>a-z</c>,
/// <c>0-9</c>, <c>.</c>, <c>_</c> and <c>-</c> separated by <c>/</c>. A segment is never empty and never
/// starts with a dot, so a key can neither climb out of its folder (<c>..</c>) nor be absolute, and it
/// names the same object in a folder and in a blob container.
/// </summary>
public static class MediaKeys
{
    /// <summary>Azure's limit for a blob name.</summary>
    public const int MaxLength = 1024;

    /// <summary>The usual file-name limit of Linux file systems.</summary>
    public const int MaxSegmentLength = 255;

    /// <summary>The URL path under which the server serves media.</summary>
    public const string ServedPathPrefix = "/media/";

    /// <summary>
    /// Objects under this prefix (files shared in private calls) are never served at <see cref="ServedPathPrefix"/>,
    /// which answers anyone: only their own endpoints, which check who asks, read them.
    /// </summary>
    public const string PrivatePrefix = "private/";

    /// <summary>The path the server serves <paramref name="key"/> at: <c>/media/{key}</c> (a valid key needs no escaping).</summary>
    public static string ServedPath(string key)
    {
        ThrowIfInvalid(key);
        if (IsPrivate(key)) throw new ArgumentException($"Media key '{key}' is private: it is not served at {ServedPathPrefix}.", nameof(key));
        return ServedPathPrefix + key;
    }

    public static bool IsValid([NotNullWhen(true)] string? key) => Problem(key) is null;

    /// <summary>True for a valid key that <see cref="ServedPathPrefix"/> may serve to anyone (not under <see cref="PrivatePrefix"/>).</summary>
    public static bool IsPublic([NotNullWhen(true)] string? key) => IsValid(key) && !IsPrivate(key);

    private static bool IsPrivate(string key) => key.StartsWith(PrivatePrefix, StringComparison.Ordinal);

    /// <summary>Throws <see cref="ArgumentException"/> (naming <paramref name="paramName"/>) unless <paramref name="key"/> is valid.</summary>
    public static void ThrowIfInvalid([NotNull] string? key, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(key))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        if (Problem(key) is { } problem)
        {
            var shown = key.Length <= 80 ? key : string.Concat(key.AsSpan(0, 80), "…");
            throw new ArgumentException(
                $"Media key '{shown}' is not valid: {problem}. Keys are segments of a-z, 0-9, '.', '_' and '-' separated by '/', e.g. recordings/{{roomId}}/{{recordingId}}.mp4.",
                paramName);
        }
    }

    private static string? Problem(string? key)
    {
        if (string.IsNullOrEmpty(key)) return "it is empty";
        if (key.Length > MaxLength) return $"it is longer than {MaxLength} characters";
        if (key[0] == '/') return "it starts with '/' (keys are relative)";
        var segmentStart = 0;
        for (var i = 0; i <= key.Length; i++)
        {
            if (i < key.Length && key[i] != '/')
            {
                if (!IsKeyChar(key[i])) return $"character '{key[i]}' at {i} is not allowed";
                continue;
            }

            var segmentLength = i - segmentStart;
            if (segmentLength == 0) return "it has an empty segment";
            if (segmentLength > MaxSegmentLength) return $"a segment is longer than {MaxSegmentLength} characters";
            if (key[segmentStart] == '.') return "a segment starts with '.'";
            segmentStart = i + 1;
        }

        return null;
    }

    private static bool IsKeyChar(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-';
}
