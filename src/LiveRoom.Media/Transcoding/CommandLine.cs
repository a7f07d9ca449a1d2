using System.Text;

namespace LiveRoom.Media.Transcoding;

/// <summary>
/// Joins an argument list into the one string a <see cref="System.Diagnostics.ProcessStartInfo"/> takes, quoted
/// so that .NET splits it back into exactly the same list (no shell is involved). FFMpegCore takes its
/// arguments as text; this keeps our arguments a list up to the moment they are handed over.
/// </summary>
public static class CommandLine
{
    public static string Join(IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var text = new StringBuilder();
        foreach (var argument in arguments)
        {
            if (text.Length > 0) text.Append(' ');
            Append(text, argument);
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string argument)
    {
        if (argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c == '"'))
        {
            // Backslashes are literal unless they come before a quote, and there is none.
            text.Append(argument);
            return;
        }

        text.Append('"');
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            if (c == '"')
            {
                // Backslashes before a quote are doubled, and the quote itself is escaped.
                text.Append('\\', (backslashes * 2) + 1);
            }
            else
            {
                text.Append('\\', backslashes);
            }

            backslashes = 0;
            text.Append(c);
        }

        // Backslashes before the closing quote are doubled so they do not escape it.
        text.Append('\\', backslashes * 2);
        text.Append('"');
    }
}
