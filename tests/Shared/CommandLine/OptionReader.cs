namespace LiveRoom.Shared;

/// <summary>
/// Reads a tool's arguments in order as options: <c>--name value</c>, <c>--name=value</c> or a bare flag.
/// Shared by the command-line tools (linked into each from tests/Shared/CommandLine), so that they read alike.
/// </summary>
internal sealed class OptionReader(IReadOnlyList<string> args)
{
    private int _next;
    private string? _inline;

    /// <summary>The option just read, without its <c>=value</c>.</summary>
    public string Name { get; private set; } = "";

    /// <summary>Moves to the next option; false after the last.</summary>
    public bool MoveNext()
    {
        if (_next >= args.Count) return false;
        var name = args[_next++];
        _inline = null;
        var equals = name.IndexOf('=', StringComparison.Ordinal);
        if (name.StartsWith("--", StringComparison.Ordinal) && equals > 0)
        {
            _inline = name[(equals + 1)..];
            name = name[..equals];
        }

        Name = name;
        return true;
    }

    /// <summary>The option's value: what follows its <c>=</c>, else the next argument (which it then consumes).</summary>
    public string Value() => _inline ?? (_next < args.Count ? args[_next++] : throw new FormatException($"{Name} needs a value."));
}
