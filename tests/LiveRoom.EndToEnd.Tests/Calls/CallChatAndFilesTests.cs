using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>
/// What is written and shared during a call (docs/CALLS.md, "In-call messages, files and snapshots"): the
/// viewer writes and shares a picture, the agent sees both and saves the file, keeps a snapshot of the
/// viewer's camera, and finds all of it again in the call history.
/// </summary>
public sealed class CallChatAndFilesTests(BrowserFixture fixture)
{
    /// <summary>A 1×1 PNG: the signature, IHDR, one IDAT and IEND.</summary>
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".jpg");

    [Fact]
    public async Task In_a_call_the_viewer_writes_and_shares_a_picture_the_agent_sees_both_saves_the_same_bytes_keeps_a_snapshot_and_finds_them_in_the_call_history()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("liveroom-call-files-");
        try
        {
            await using var scene = await LiveCallRoom.StartAsync(fixture, "Shared call");
            var agent = scene.Agent;
            var viewer = await scene.JoinViewerAsync("Ana");
            await viewer.RequestAsync("A label");
            await agent.Entry(scene.Room.Id, "Ana").GetByRole(AriaRole.Button, new() { Name = "Accept the call of Ana" }).ClickAsync();
            await viewer.Call.ExpectStateAsync("connected", 20_000);
            await agent.Call.WaitForFramesAsync(5);
            await viewer.Call.WaitForFramesAsync(5);
            var callId = await agent.Call.Root.GetAttributeAsync("data-call-id").Limit();
            callId.ShouldNotBeNull();
            var viewerItems = viewer.Call.Items;
            var agentItems = agent.Call.Items;
            await Expect(viewerItems.Root).ToHaveAttributeAsync("data-open", "true");
            await Expect(agentItems.Root).ToHaveAttributeAsync("data-open", "true");

            // A message: plain text on the other side (markup stays text), said as the viewer's.
            const string text = "Here is the label <b>front</b> & 背面";
            await viewerItems.SendAsync(text);
            await Expect(agentItems.Messages).ToHaveCountAsync(1);
            await Expect(agentItems.Messages.Locator(".call-item-text")).ToHaveTextAsync(text);
            await Expect(agentItems.Messages.Locator(".call-item-from")).ToHaveTextAsync("Ana");
            await Expect(agentItems.Messages).ToHaveAttributeAsync("data-mine", "false");
            await Expect(agentItems.Root.Locator("b")).ToHaveCountAsync(0);
            await Expect(viewerItems.Messages.Locator(".call-item-from")).ToHaveTextAsync("You");

            // Checked before anything is sent: a type that is not allowed, a file over 10 MiB.
            var program = Path.Combine(folder.FullName, "tool.exe");
            await File.WriteAllBytesAsync(program, [0x4D, 0x5A, 0x90, 0x00], ct).Limit();
            await viewerItems.FileInput.SetInputFilesAsync(program);
            await Expect(viewerItems.Error).ToHaveTextAsync("“tool.exe” cannot be shared: only pictures (PNG, JPEG, WebP), PDF and text files.");
            var large = Path.Combine(folder.FullName, "scan.pdf");
            await using (var stream = File.Create(large))
            {
                await stream.WriteAsync("%PDF-1.7\n"u8.ToArray(), ct).AsTask().Limit();
                stream.SetLength((10 * 1024 * 1024) + 1);
            }

            await viewerItems.FileInput.SetInputFilesAsync(large);
            await Expect(viewerItems.Error).ToContainTextAsync("“scan.pdf” is too large");
            await Expect(viewerItems.Error).ToContainTextAsync("at most 10 MB");

            // A picture: the agent sees it appear and saves exactly the bytes that were shared.
            var name = $"label-{Guid.NewGuid():N}"[..14] + ".png";
            var picture = Path.Combine(folder.FullName, name);
            await File.WriteAllBytesAsync(picture, TinyPng, ct).Limit();
            await viewerItems.ShareAsync(picture);
            await Expect(viewerItems.Progress).ToContainTextAsync($"“{name}” is shared.");
            var shared = agentItems.File(name);
            await Expect(shared).ToHaveCountAsync(1);
            await Expect(shared.Locator(".call-item-from")).ToHaveTextAsync("Ana");
            await Expect(agentItems.Root).ToHaveAttributeAsync("data-files", "1");
            var download = await agent.Page.RunAndWaitForDownloadAsync(
                () => shared.GetByRole(AriaRole.Button, new() { Name = $"Download {name}" }).ClickAsync()).Limit();
            download.SuggestedFilename.ShouldBe(name);
            var saved = Path.Combine(folder.FullName, "saved.png");
            await download.SaveAsAsync(saved).Limit();
            (await File.ReadAllBytesAsync(saved, ct).Limit()).ShouldBe(TinyPng);

            // A snapshot of the viewer's camera: a flash, the still in both panels.
            await agent.Call.SnapshotButton.ClickAsync();
            await Expect(agentItems.Snapshots).ToHaveCountAsync(1);
            await Expect(agentItems.Snapshots.Locator("img.call-item-thumb")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^blob:"));
            await Expect(viewerItems.Snapshots).ToHaveCountAsync(1);
            await Expect(viewerItems.Snapshots.Locator(".call-item-from")).ToHaveTextAsync("Staff agent");
            await Expect(agent.Call.Root.Locator(".call-stage.call-flash")).ToHaveCountAsync(0);
            await agent.Call.Root.EvaluateAsync("view => view.scrollIntoView({ block: 'center' })").Limit();
            await agent.Page.ScreenshotAsync(new() { Path = Shot("calls-items-console-en"), Type = ScreenshotType.Jpeg, Quality = 70 }).Limit();
            await viewer.Page.ScreenshotAsync(new() { Path = Shot("calls-items-viewer-desktop-en"), Type = ScreenshotType.Jpeg, Quality = 70 }).Limit();

            // Closed (as on a phone), the panel counts what the others add; the keyboard opens it again.
            await viewerItems.Toggle.ClickAsync();
            await Expect(viewerItems.Toggle).ToHaveAttributeAsync("aria-expanded", "false");
            await Expect(viewerItems.MessageInput).ToBeHiddenAsync();
            await agentItems.SendAsync("Thanks, I can see it.");
            await Expect(viewerItems.Toggle).ToHaveTextAsync("Messages and files 1 new");
            await viewerItems.Toggle.FocusAsync();
            await viewer.Page.Keyboard.PressAsync("Enter");
            await Expect(viewerItems.Toggle).ToHaveAttributeAsync("aria-expanded", "true");
            await Expect(viewerItems.Messages.Last.Locator(".call-item-text")).ToHaveTextAsync("Thanks, I can see it.");

            // In Chinese the panel speaks Chinese; the messages stay as written.
            await viewer.Page.Locator(".lang-toggle").First.ClickAsync();
            await Expect(viewerItems.Toggle).ToHaveTextAsync("消息和文件");
            await Expect(viewerItems.Root.GetByRole(AriaRole.Button, new() { Name = "分享文件" })).ToBeVisibleAsync();
            await Expect(viewerItems.Messages.First.Locator(".call-item-text")).ToHaveTextAsync(text);
            await viewer.Page.Locator(".lang-toggle").First.ClickAsync();
            await Expect(viewerItems.Toggle).ToHaveTextAsync("Messages and files");

            // What the server kept: the message, the file and a JPEG snapshot of the viewer's picture.
            using var http = fixture.Server.CreateHttpClient(await fixture.Server.LoginAsync(scene.AgentStaff.Email, scene.AgentStaff.Password, ct).Limit());
            using (var items = JsonDocument.Parse(await http.GetStringAsync($"api/calls/{callId}/items", ct).Limit()))
            {
                items.RootElement.GetProperty("messages").EnumerateArray().Select(message => message.GetProperty("text").GetString())
                    .ShouldBe([text, "Thanks, I can see it."]);
                var files = items.RootElement.GetProperty("files").EnumerateArray().ToList();
                files.Count.ShouldBe(2);
                var still = files.Single(file => file.GetProperty("kind").GetString() == "snapshot");
                still.GetProperty("contentType").GetString().ShouldBe("image/jpeg");
                var jpeg = await http.GetByteArrayAsync(still.GetProperty("url").GetString()!.TrimStart('/'), ct).Limit();
                jpeg.Take(3).ShouldBe(new byte[] { 0xFF, 0xD8, 0xFF });
            }

            // After the call, the call history has the message, the file and the snapshot (shown small).
            await agent.Call.HangUpButton.ClickAsync();
            await Expect(viewer.Panel).ToHaveAttributeAsync("data-call-phase", "ended");
            var history = await CallHistoryPage.OpenAsync(agent.Page);
            await history.OpenDetailsAsync(callId);
            var kept = history.Items(callId);
            await Expect(kept.Locator(".history-message").First).ToContainTextAsync(text);
            await Expect(kept.Locator(".history-message").Last).ToContainTextAsync("Staff agent: Thanks, I can see it.");
            await Expect(kept.Locator(".history-file[data-kind='file']")).ToContainTextAsync(name);
            var thumbnail = kept.Locator(".history-file[data-kind='snapshot'] img.history-thumb");
            await Expect(thumbnail).ToHaveAttributeAsync("data-loaded", "true");
            await agent.Page.WaitForFunctionAsync(
                "img => img.complete && img.naturalWidth > 0",
                await thumbnail.ElementHandleAsync().Limit(),
                new() { Timeout = BrowserFixture.UiTimeoutMs }).Limit();
            viewer.Viewer.Watch.ShouldBeClean();
            agent.Console.Watch.ShouldBeClean();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
