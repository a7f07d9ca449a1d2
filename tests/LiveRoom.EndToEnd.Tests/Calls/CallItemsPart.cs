using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>
/// The messages and files of a call under its controls (the viewer's or the agent's): the root carries
/// <c>data-messages</c>, <c>data-files</c> and <c>data-open</c>; each line <c>data-message-id</c> or
/// <c>data-file-id</c> with <c>data-kind</c> (<c>file</c>, <c>snapshot</c>), and <c>data-mine</c>.
/// </summary>
internal sealed class CallItemsPart(ILocator root)
{
    public ILocator Root { get; } = root;

    public ILocator Toggle => Root.Locator(".call-items-toggle");

    public ILocator MessageInput => Root.GetByLabel("A message to everyone in the call");

    public ILocator SendButton => Root.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true });

    public ILocator ShareButton => Root.GetByRole(AriaRole.Button, new() { Name = "Share a file" });

    /// <summary>The file input behind "Share a file" (Playwright sets its files directly).</summary>
    public ILocator FileInput => Root.Locator("input[type=file]");

    public ILocator Messages => Root.Locator(".call-item-message");

    public ILocator Files => Root.Locator(".call-item-file[data-kind='file']");

    public ILocator Snapshots => Root.Locator(".call-item-file[data-kind='snapshot']");

    public ILocator Progress => Root.Locator(".call-items-progress");

    public ILocator Error => Root.Locator(".inline-error");

    /// <summary>The line of a file by its name.</summary>
    public ILocator File(string name) => Files.Filter(new() { Has = Root.Page.Locator(".call-item-name").GetByText(name, new() { Exact = true }) });

    /// <summary>Writes a message and sends it with Enter; waits until it shows as one's own.</summary>
    public async Task SendAsync(string text)
    {
        var before = await Root.Locator(".call-item-message[data-mine='true']").CountAsync().Limit();
        await MessageInput.FillAsync(text);
        await MessageInput.PressAsync("Enter");
        await Expect(Root.Locator(".call-item-message[data-mine='true']")).ToHaveCountAsync(before + 1);
        await Expect(MessageInput).ToHaveValueAsync(string.Empty);
    }

    /// <summary>Shares the file at <paramref name="path"/> and waits until it shows as shared.</summary>
    public async Task ShareAsync(string path)
    {
        await FileInput.SetInputFilesAsync(path);
        await Expect(File(Path.GetFileName(path))).ToHaveAttributeAsync("data-mine", "true");
    }
}
