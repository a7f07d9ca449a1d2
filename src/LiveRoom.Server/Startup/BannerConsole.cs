namespace LiveRoom.Server.Startup;

/// <summary>
/// Where the start-up banner goes: straight to the process's console, never through <c>ILogger</c> (log
/// files and collectors must not get a secret). <see cref="Printed"/> completes with the banner once printed.
/// </summary>
public sealed class BannerConsole
{
    private readonly TaskCompletionSource<string> _printed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True when standard output is a terminal rather than a file or a pipe (where a log collector may read it).</summary>
    public bool IsTerminal { get; } = !Console.IsOutputRedirected;

    public Task<string> Printed => _printed.Task;

    public async Task PrintAsync(string text, CancellationToken cancellationToken)
    {
        await Console.Out.WriteLineAsync(text.AsMemory(), cancellationToken);
        await Console.Out.FlushAsync(cancellationToken);
        _printed.TrySetResult(text);
    }
}
