using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>
/// Three-party calls (docs/CALLS.md): an agent invites a colleague into a call with a viewer; the media is a
/// mesh of one peer connection per pair, all in real Chromium profiles with fake cameras.
/// </summary>
public sealed class ThreePartyCallTests(BrowserFixture fixture)
{
    /// <summary>
    /// Calls hub methods over a SignalR connection of the page's own (the JSON protocol on a WebSocket, with
    /// the viewer's token from the page's storage): what an intruder could do from the browser's console.
    /// Returns the refusals the hub sent (<c>refused {method, code}</c>) and each invocation's error.
    /// </summary>
    private const string IntrudeScript = """
        async ([roomId, callId, victim]) => {
          const stored = JSON.parse(localStorage.getItem('liveroom.viewer.' + roomId));
          const url = location.origin.replace(/^http/, 'ws') + '/hubs/room?access_token=' + encodeURIComponent(stored.accessToken);
          const ws = new WebSocket(url);
          const RS = '\u001e';
          const refused = [];
          const waiting = {};
          await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = () => reject(new Error('no connection')); });
          ws.onmessage = (event) => {
            for (const part of String(event.data).split(RS)) {
              if (!part) continue;
              const message = JSON.parse(part);
              if (message.type === 1 && message.target === 'refused') refused.push({ method: message.arguments[0].method, code: message.arguments[0].code });
              if (message.type === 3 && waiting[message.invocationId]) waiting[message.invocationId](message);
            }
          };
          ws.send(JSON.stringify({ protocol: 'json', version: 1 }) + RS);
          const invoke = (id, target, args) => new Promise((resolve) => {
            waiting[id] = resolve;
            ws.send(JSON.stringify({ type: 1, invocationId: id, target, arguments: args }) + RS);
            setTimeout(() => resolve({ error: 'no answer' }), 10000);
          });
          const join = await invoke('1', 'JoinCall', [callId]);
          const signal = await invoke('2', 'SendSignal', [callId, { type: 'offer', payload: 'v=0', to: victim }]);
          await new Promise((resolve) => setTimeout(resolve, 300));
          ws.close();
          return JSON.stringify({ joinError: join.error ?? null, signalError: signal.error ?? null, refused });
        }
        """;

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".jpg");

    private static Task ShotAsync(IPage page, string name, bool fullPage = false) =>
        page.ScreenshotAsync(new() { Path = Shot(name), Type = ScreenshotType.Jpeg, Quality = 70, FullPage = fullPage }).Limit();

    [Fact]
    public async Task An_agent_invites_a_colleague_everyone_sees_two_pictures_the_colleague_leaves_and_the_call_goes_on_while_another_viewer_cannot_get_in()
    {
        await using var scene = await LiveCallRoom.StartAsync(fixture, "Three-party call");
        var agent = scene.Agent;
        var (colleague, colleagueStaff) = await scene.JoinColleagueAsync();
        var viewer = await scene.JoinViewerAsync("Pat");

        // Pat is taken aside by the first agent.
        await viewer.RequestAsync("My delivery");
        await agent.Entry(scene.Room.Id, "Pat").GetByRole(AriaRole.Button, new() { Name = "Accept the call of Pat" }).ClickAsync();
        await agent.Call.ExpectStateAsync("connected", 20_000);
        await viewer.Call.ExpectStateAsync("connected", 20_000);
        await viewer.Call.WaitForFramesAsync(5);
        var callId = await agent.Call.Root.GetAttributeAsync("data-call-id").Limit();
        callId.ShouldNotBeNull();

        // The agent invites the colleague, who sees who asks and from which room, and joins.
        await agent.InviteAsync(colleagueStaff.Id);
        await Expect(agent.InviteRow(scene.AgentStaff.Id)).ToHaveCountAsync(0);
        await Expect(colleague.Invitation).ToBeVisibleAsync();
        await Expect(colleague.Invitation).ToHaveAttributeAsync("data-call-id", callId);
        await Expect(colleague.Invitation).ToContainTextAsync("invites you into a call");
        await Expect(colleague.Invitation).ToContainTextAsync(scene.Title);
        await Expect(colleague.Invitation).ToContainTextAsync("Pat");
        await Expect(colleague.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "invites you into a call" })).ToHaveCountAsync(1);
        await colleague.Invitation.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();

        // Every side shows two other people and decodes both pictures.
        foreach (var call in new[] { agent.Call, viewer.Call, colleague.Call })
        {
            await Expect(call.Remotes).ToHaveCountAsync(2, new() { Timeout = 20_000 });
            await call.WaitForEveryRemoteFramesAsync(10, timeoutMs: 30_000);
        }

        var viewerId = (await agent.Call.RemoteIdsAsync()).Single(id => id != colleagueStaff.Id);
        (await viewer.Call.RemoteIdsAsync()).ShouldBe([scene.AgentStaff.Id, colleagueStaff.Id], ignoreOrder: true);
        (await colleague.Call.RemoteIdsAsync()).ShouldBe([viewerId, scene.AgentStaff.Id], ignoreOrder: true);
        await Expect(agent.InviteButton).ToBeHiddenAsync();
        await ShotAsync(viewer.Page, "calls-three-party-viewer-desktop-en");
        await ShotAsync(agent.Page, "calls-three-party-console-en", fullPage: true);
        await viewer.Page.SetViewportSizeAsync(390, 844).Limit();
        await ShotAsync(viewer.Page, "calls-three-party-viewer-phone-en");
        await viewer.Page.Locator(".lang-toggle").First.ClickAsync();
        await ShotAsync(viewer.Page, "calls-three-party-viewer-phone-zh");
        await viewer.Page.SetViewportSizeAsync(1366, 900).Limit();
        await ShotAsync(viewer.Page, "calls-three-party-viewer-desktop-zh");
        await viewer.Page.Locator(".lang-toggle").First.ClickAsync();
        await agent.Page.Locator(".lang-toggle").First.ClickAsync();
        await ShotAsync(agent.Page, "calls-three-party-console-zh", fullPage: true);
        await agent.Page.Locator(".lang-toggle").First.ClickAsync();

        // Another viewer of the same room can neither join the call nor slip signalling into it.
        var intruder = await scene.JoinViewerAsync("Eve");
        var outcome = JsonDocument.Parse(await intruder.Page.EvaluateAsync<string>(IntrudeScript, new object[] { scene.Room.Id, callId, viewerId }).Limit(TimeSpan.FromSeconds(30)));
        var refused = outcome.RootElement.GetProperty("refused").EnumerateArray().Select(r => $"{r.GetProperty("method").GetString()}:{r.GetProperty("code").GetString()}").ToArray();
        TestContext.Current.TestOutputHelper?.WriteLine($"intruder: {outcome.RootElement}");
        outcome.RootElement.GetProperty("joinError").ValueKind.ShouldBe(JsonValueKind.String);
        outcome.RootElement.GetProperty("signalError").ValueKind.ShouldBe(JsonValueKind.String);
        refused.ShouldContain("JoinCall:not_allowed");
        refused.ShouldContain("SendSignal:not_participant");
        await Expect(viewer.Call.Remotes).ToHaveCountAsync(2);
        await Expect(intruder.Call.Root).ToHaveCountAsync(0);

        // The colleague hangs up: they leave, the call goes on for the agent and Pat, still decoding.
        await colleague.Call.HangUpButton.ClickAsync();
        await Expect(colleague.Page.Locator(".calls-active")).ToBeHiddenAsync();
        await Expect(colleague.Root).ToHaveAttributeAsync("data-active-calls", "0");
        foreach (var call in new[] { agent.Call, viewer.Call })
        {
            await Expect(call.Remotes).ToHaveCountAsync(1, new() { Timeout = 20_000 });
            await call.ExpectStateAsync("connected");
            await call.WaitForEveryRemoteFramesAsync(15, await call.FramesByRemoteAsync());
        }

        (await agent.Call.RemoteIdsAsync()).ShouldBe([viewerId]);
        (await viewer.Call.RemoteIdsAsync()).ShouldBe([scene.AgentStaff.Id]);
        await Expect(viewer.Panel).ToHaveAttributeAsync("data-call-phase", "inCall");
        await Expect(agent.InviteButton).ToBeVisibleAsync();

        // Pat hangs up: the call is over for the agent as well.
        await viewer.Call.HangUpButton.ClickAsync();
        await Expect(agent.Root).ToHaveAttributeAsync("data-active-calls", "0");

        viewer.Viewer.Watch.ShouldBeClean();
        agent.Console.Watch.ShouldBeClean();
        colleague.Console.Watch.ShouldBeClean();
    }
}
