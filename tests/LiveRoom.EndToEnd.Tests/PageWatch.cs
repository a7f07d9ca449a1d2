using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace LiveRoom.EndToEnd.Tests;

/// <summary>
/// Records what a page should never do: open a JavaScript dialog (alert/confirm/prompt), throw an
/// uncaught error, or trip the Content-Security-Policy. Tests assert it stayed clean at the end.
/// </summary>
internal sealed class PageWatch
{
    private readonly ConcurrentQueue<string> _dialogs = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _cspViolations = new();

    public PageWatch(IPage page)
    {
        page.Dialog += (_, dialog) =>
        {
            _dialogs.Enqueue($"{dialog.Type}: {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        page.PageError += (_, error) => _errors.Enqueue(error);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _cspViolations.Enqueue(message.Text);
            }
        };
    }

    public IReadOnlyCollection<string> Dialogs => _dialogs;

    public IReadOnlyCollection<string> CspViolations => _cspViolations;

    public void ShouldBeClean()
    {
        _dialogs.ShouldBeEmpty("a JavaScript dialog opened");
        _errors.ShouldBeEmpty("the page threw");
        _cspViolations.ShouldBeEmpty("the Content-Security-Policy was violated");
    }
}
