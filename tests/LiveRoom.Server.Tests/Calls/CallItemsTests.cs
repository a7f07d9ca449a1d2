using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Wire;
using LiveRoom.Storage.Media;
using LiveRoom.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRoom.Server.Tests.Calls;

/// <summary>Messages, files and snapshots in a call, over real hub connections and HTTP: who may send, who hears, who may read.</summary>
public sealed class CallItemsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. "IHDR"u8, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, .. "JFIF"u8, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];
    private static readonly byte[] Webp = [.. "RIFF"u8, 26, 0, 0, 0, .. "WEBPVP8L"u8, 13, 0, 0, 0, 0x2F, 0, 0, 0, 0x10, 7, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07, 0];
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();
    private static readonly byte[] Text = "Policy number: 12-345\n保单号码\n"u8.ToArray();

    private LiveRoomTestServer Server => fixture.Server;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MessagesReachOnlyTheOtherParticipantsAndAreKeptWithTheCall(bool messagePack)
    {
        await using var call = await StartCallAsync("messages", messagePack);
        await using var bystander = await RoomClient.JoinAsViewerAsync(Server, call.RoomId, "Bystander", messagePack);
        var bystanderItems = new ItemInboxes(bystander.Connection);

        var sent = await call.Viewer.Connection.InvokeAsync<CallMessage>("SendCallMessage", call.CallId, "  Can you see my screen?  ").WaitAsync(RoomClient.CallTimeout);
        var reply = await call.Agent.Connection.InvokeAsync<CallMessage>("SendCallMessage", call.CallId, "Yes, I can.").WaitAsync(RoomClient.CallTimeout);

        sent.Text.ShouldBe("Can you see my screen?");
        sent.From.Id.ShouldBe(call.Viewer.ParticipantId);
        sent.From.Role.ShouldBe(CallRole.Viewer);
        sent.CallId.ShouldBe(call.CallId);
        (await call.AgentItems.Messages.WaitForAsync(m => m.Count > 0, "the viewer's message on the agent's side"))[0].ShouldBe(sent);
        (await call.ViewerItems.Messages.WaitForAsync(m => m.Count > 0, "the agent's reply on the viewer's side"))[0].ShouldBe(reply);

        await RefusedAsync(call.Viewer, "too_long", "SendCallMessage", call.CallId, new string('x', 1_001));
        await RefusedAsync(call.Viewer, "invalid", "SendCallMessage", call.CallId, "   ");
        await RefusedAsync(bystander, "not_participant", "SendCallMessage", call.CallId, "let me in");
        await call.Agent.Connection.InvokeAsync<CallMessage>("SendCallMessage", call.CallId, new string('y', 1_000)).WaitAsync(RoomClient.CallTimeout);
        await call.ViewerItems.Messages.WaitForAsync(m => m.Count == 2, "the longest message allowed");

        await call.Viewer.Connection.InvokeAsync("EndCall", call.CallId).WaitAsync(RoomClient.CallTimeout);
        await call.Agent.Calls.Ended.WaitForAsync(e => e.Count > 0, "the call ended");
        await RefusedAsync(call.Viewer, "call_ended", "SendCallMessage", call.CallId, "one more thing");

        // Both sides (now past participants) read the conversation back, in order; each heard only the other.
        foreach (var reader in new[] { call.Viewer, call.Agent })
        {
            using var http = Server.CreateHttpClient(reader.AccessToken);
            var items = await http.GetFromJsonAsync<CallItemList>($"api/calls/{call.CallId}/items", WireFormat.Json).WaitAsync(RoomClient.CallTimeout);
            items!.Messages.Select(m => m.Id).ShouldBe([sent.Id, reply.Id, call.ViewerItems.Messages.Items[1].Id]);
            items.Messages[0].ShouldBe(sent);
            items.Files.ShouldBeEmpty();
        }

        call.ViewerItems.Messages.Items.ShouldNotContain(m => m.From.Id == call.Viewer.ParticipantId, "nobody hears their own message back");
        call.AgentItems.Messages.Items.Count.ShouldBe(1);
        bystanderItems.Messages.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task ABystanderViewerAndAnAnonymousClientCanNeitherPostNorReadNorDownload()
    {
        await using var call = await StartCallAsync("strangers");
        var shared = await UploadAsync(call.Viewer, call.CallId, "image/png", Png, "scan.png");
        await using var bystander = await RoomClient.JoinAsViewerAsync(Server, call.RoomId, "Bystander");
        using var asBystander = Server.CreateHttpClient(bystander.AccessToken);
        using var anonymous = Server.CreateHttpClient();

        using (var posted = await PostAsync(asBystander, $"api/calls/{call.CallId}/files?name=x.png", "image/png", Png))
        {
            posted.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await CodeAsync(posted)).ShouldBe("not_participant");
        }

        using (var read = await asBystander.GetAsync($"api/calls/{call.CallId}/items").WaitAsync(RoomClient.CallTimeout))
        {
            read.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await CodeAsync(read)).ShouldBe("not_participant");
        }

        (await asBystander.GetAsync(shared.Url.TrimStart('/')).WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync(anonymous, $"api/calls/{call.CallId}/files?name=x.png", "image/png", Png)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostAsync(anonymous, $"api/calls/{call.CallId}/snapshots", "image/png", Png)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync($"api/calls/{call.CallId}/items").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync(shared.Url.TrimStart('/')).WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var asViewer = Server.CreateHttpClient(call.Viewer.AccessToken);
        var items = await asViewer.GetFromJsonAsync<CallItemList>($"api/calls/{call.CallId}/items", WireFormat.Json).WaitAsync(RoomClient.CallTimeout);
        items!.Files.Select(f => f.Id).ShouldBe([shared.Id], "nothing the strangers sent was kept");
    }

    [Theory]
    [InlineData("image/png", "scan.png")]
    [InlineData("image/jpeg", "photo.jpg")]
    [InlineData("image/webp", "photo.webp")]
    [InlineData("application/pdf", "policy.pdf")]
    [InlineData("text/plain; charset=utf-8", "notes.txt")]
    public async Task EachAllowedTypeIsSharedAndTheOtherSideIsTold(string contentType, string name)
    {
        await using var call = await StartCallAsync("types " + name);
        var content = Sample(contentType);

        var shared = await UploadAsync(call.Viewer, call.CallId, contentType, content, name);

        shared.Kind.ShouldBe(CallFileKind.File);
        shared.Name.ShouldBe(name);
        shared.Size.ShouldBe(content.Length);
        shared.ContentType.ShouldStartWith(contentType.Split(';')[0]);
        shared.UploadedBy.Id.ShouldBe(call.Viewer.ParticipantId);
        shared.Url.ShouldBe($"/api/calls/{call.CallId}/files/{shared.Id}");
        (await call.AgentItems.Files.WaitForAsync(f => f.Count > 0, "callFile on the agent's side"))[0].ShouldBe(shared);
        call.ViewerItems.Files.Items.ShouldBeEmpty();

        using var asAgent = Server.CreateHttpClient(call.Agent.AccessToken);
        using var download = await asAgent.GetAsync(shared.Url.TrimStart('/')).WaitAsync(RoomClient.CallTimeout);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(content);
        download.Content.Headers.ContentType!.MediaType.ShouldBe(contentType.Split(';')[0]);
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentDisposition.FileName!.Trim('"').ShouldBe(name);
        download.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
    }

    [Fact]
    public async Task AFileOverTheCapGets413WhetherItsLengthIsDeclaredOrNot()
    {
        await using var call = await StartCallAsync("too big");
        using var asViewer = Server.CreateHttpClient(call.Viewer.AccessToken);
        var big = new byte[(10 * 1024 * 1024) + 1];
        Pdf.CopyTo(big, 0);

        using (var declared = await PostAsync(asViewer, $"api/calls/{call.CallId}/files?name=big.pdf", "application/pdf", big))
        {
            declared.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
            (await CodeAsync(declared)).ShouldBe("too_long");
        }

        using (var chunked = await PostAsync(asViewer, $"api/calls/{call.CallId}/files?name=big.pdf", "application/pdf", big, declareLength: false))
        {
            chunked.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        }

        using var asAgent = Server.CreateHttpClient(call.Agent.AccessToken);
        var snapshot = new byte[(2 * 1024 * 1024) + 1];
        Jpeg.CopyTo(snapshot, 0);
        (await PostAsync(asAgent, $"api/calls/{call.CallId}/snapshots", "image/jpeg", snapshot)).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);

        var exactly = new byte[10 * 1024 * 1024];
        Pdf.CopyTo(exactly, 0);
        (await UploadAsync(call.Viewer, call.CallId, "application/pdf", exactly, "at the cap.pdf")).Size.ShouldBe(exactly.Length);
        (await call.AgentItems.Files.WaitForAsync(f => f.Count > 0, "the file at the cap")).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("image/png", "text")]
    [InlineData("image/jpeg", "png")]
    [InlineData("application/pdf", "text")]
    [InlineData("text/plain", "png")]
    [InlineData("text/html", "text")]
    [InlineData("application/zip", "text")]
    [InlineData("image/svg+xml", "text")]
    public async Task AFileWhoseContentOrTypeIsNotAllowedGets415(string contentType, string actual)
    {
        await using var call = await StartCallAsync("liar " + contentType);
        using var asViewer = Server.CreateHttpClient(call.Viewer.AccessToken);
        var content = actual == "png" ? Png : "<script>alert(1)</script>"u8.ToArray();

        using var refused = await PostAsync(asViewer, $"api/calls/{call.CallId}/files?name=cat.png", contentType, content);

        refused.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await CodeAsync(refused)).ShouldBe("invalid");
        using var items = await asViewer.GetAsync($"api/calls/{call.CallId}/items").WaitAsync(RoomClient.CallTimeout);
        (await items.Content.ReadFromJsonAsync<CallItemList>(WireFormat.Json))!.Files.ShouldBeEmpty();
    }

    [Fact]
    public async Task OnlyTheCallsAgentsKeepSnapshots()
    {
        await using var call = await StartCallAsync("snapshots");
        using var asViewer = Server.CreateHttpClient(call.Viewer.AccessToken);

        using (var refused = await PostAsync(asViewer, $"api/calls/{call.CallId}/snapshots", "image/jpeg", Jpeg))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await CodeAsync(refused)).ShouldBe("not_allowed");
        }

        using var asAgent = Server.CreateHttpClient(call.Agent.AccessToken);
        (await PostAsync(asAgent, $"api/calls/{call.CallId}/snapshots", "application/pdf", Pdf)).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        using var kept = await PostAsync(asAgent, $"api/calls/{call.CallId}/snapshots", "image/jpeg", Jpeg);
        kept.StatusCode.ShouldBe(HttpStatusCode.Created);
        var snapshot = (await kept.Content.ReadFromJsonAsync<CallFile>(WireFormat.Json))!;
        snapshot.Kind.ShouldBe(CallFileKind.Snapshot);
        snapshot.Name.ShouldEndWith(".jpg");
        snapshot.UploadedBy.Role.ShouldBe(CallRole.Agent);
        (await call.ViewerItems.Files.WaitForAsync(f => f.Count > 0, "the snapshot on the viewer's side"))[0].Id.ShouldBe(snapshot.Id);
        call.AgentItems.Files.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task MediaNeverServesACallFilesKey()
    {
        await using var call = await StartCallAsync("private media");
        var shared = await UploadAsync(call.Viewer, call.CallId, "image/png", Png, "id card.png");
        var key = $"{MediaKeys.PrivatePrefix}calls/{call.CallId}/files/{shared.Id}";
        var store = Server.Services.GetRequiredService<IMediaStore>();
        (await store.ExistsAsync(key).WaitAsync(RoomClient.CallTimeout)).ShouldBeTrue("the file is in the media store under its private key");

        using var anonymous = Server.CreateHttpClient();
        using var asViewer = Server.CreateHttpClient(call.Viewer.AccessToken);
        foreach (var path in new[] { "media/" + key, "media/" + key.Replace("/", "%2F", StringComparison.Ordinal), "media/private%2Fcalls/" + call.CallId + "/files/" + shared.Id })
        {
            (await anonymous.GetAsync(path).WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
            (await asViewer.GetAsync(path).WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        }

        MediaKeys.IsValid(key).ShouldBeTrue();
        MediaKeys.IsPublic(key).ShouldBeFalse();
        MediaKeys.IsPublic("recordings/r/x.mp4").ShouldBeTrue();
        Should.Throw<ArgumentException>(() => MediaKeys.ServedPath(key));
        (await asViewer.GetAsync(shared.Url.TrimStart('/')).WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.OK, "its own endpoint serves it");
    }

    [Fact]
    public async Task AFileIsDownloadedByTheOtherParticipantAndStaffWhoTakeCallsButNotByAnotherViewer()
    {
        await using var call = await StartCallAsync("downloads");
        var fromAgent = await UploadAsync(call.Agent, call.CallId, "application/pdf", Pdf, "terms.pdf");
        await call.ViewerItems.Files.WaitForAsync(f => f.Count > 0, "the agent's file on the viewer's side");
        var otherAgent = await Server.CreateStaffAsync("agent").WaitAsync(RoomClient.CallTimeout);
        var marketer = await Server.CreateStaffAsync("marketer").WaitAsync(RoomClient.CallTimeout);
        var otherRoom = await Server.CreateRoomAsync("elsewhere").WaitAsync(RoomClient.CallTimeout);
        var sameRoomViewer = await Server.CreateViewerAsync(call.RoomId, "Other").WaitAsync(RoomClient.CallTimeout);
        var otherRoomViewer = await Server.CreateViewerAsync(otherRoom.Id, "Far").WaitAsync(RoomClient.CallTimeout);

        var answers = new Dictionary<string, HttpStatusCode>();
        foreach (var (who, token) in new[]
        {
            ("the viewer in the call", call.Viewer.AccessToken),
            ("the agent who shared it", call.Agent.AccessToken),
            ("another agent", await Server.LoginAsync(otherAgent.Email, otherAgent.Password).WaitAsync(RoomClient.CallTimeout)),
            ("the admin", await Server.LoginAsync().WaitAsync(RoomClient.CallTimeout)),
            ("a marketer", await Server.LoginAsync(marketer.Email, marketer.Password).WaitAsync(RoomClient.CallTimeout)),
            ("another viewer of the room", sameRoomViewer.AccessToken),
            ("a viewer of another room", otherRoomViewer.AccessToken),
        })
        {
            using var http = Server.CreateHttpClient(token);
            using var response = await http.GetAsync(fromAgent.Url.TrimStart('/')).WaitAsync(RoomClient.CallTimeout);
            answers[who] = response.StatusCode;
            if (response.StatusCode == HttpStatusCode.OK) (await response.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf, who);
        }

        answers.ShouldBe(new Dictionary<string, HttpStatusCode>
        {
            ["the viewer in the call"] = HttpStatusCode.OK,
            ["the agent who shared it"] = HttpStatusCode.OK,
            ["another agent"] = HttpStatusCode.OK,
            ["the admin"] = HttpStatusCode.OK,
            ["a marketer"] = HttpStatusCode.Forbidden,
            ["another viewer of the room"] = HttpStatusCode.Forbidden,
            ["a viewer of another room"] = HttpStatusCode.Forbidden,
        });

        using var asViewer = Server.CreateHttpClient(call.Viewer.AccessToken);
        (await asViewer.GetAsync($"api/calls/{call.CallId}/files/cf_{new string('0', 24)}").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await asViewer.GetAsync($"api/calls/{call.CallId}/files/..%2F..%2Fkeys").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await asViewer.GetAsync($"api/calls/c_{new string('0', 24)}/files/{fromAgent.Id}").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AFileNameIsCutToItsLastSegmentWithoutControlCharactersAndEndsWithItsTypesExtension()
    {
        await using var call = await StartCallAsync("names");

        var climbing = await UploadAsync(call.Viewer, call.CallId, "image/png", Png, "../../etc/pass\u0000wd\u202Egnp.exe");
        var unnamed = await UploadAsync(call.Viewer, call.CallId, "application/pdf", Pdf, null);
        var chinese = await UploadAsync(call.Viewer, call.CallId, "text/plain", Text, "保单 说明.txt");

        climbing.Name.ShouldBe("passwdgnp.exe.png");
        unnamed.Name.ShouldBe("file.pdf");
        chinese.Name.ShouldBe("保单 说明.txt");
        using var asAgent = Server.CreateHttpClient(call.Agent.AccessToken);
        using var download = await asAgent.GetAsync(chinese.Url.TrimStart('/')).WaitAsync(RoomClient.CallTimeout);
        download.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("保单 说明.txt");
    }

    private static byte[] Sample(string contentType) => contentType.Split(';')[0] switch
    {
        "image/png" => Png,
        "image/jpeg" => Jpeg,
        "image/webp" => Webp,
        "application/pdf" => Pdf,
        _ => Text,
    };

    private async Task<CallFile> UploadAsync(RoomClient from, string callId, string contentType, byte[] content, string? name)
    {
        using var http = Server.CreateHttpClient(from.AccessToken);
        var query = name is null ? string.Empty : "?name=" + Uri.EscapeDataString(name);
        using var response = await PostAsync(http, $"api/calls/{callId}/files{query}", contentType, content);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var file = (await response.Content.ReadFromJsonAsync<CallFile>(WireFormat.Json))!;
        response.Headers.Location!.OriginalString.ShouldBe(file.Url);
        return file;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string contentType, byte[] content, bool declareLength = true)
    {
        HttpContent body = declareLength ? new ByteArrayContent(content) : new StreamContent(new UnknownLengthStream(content));
        body.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        if (!declareLength) request.Headers.TransferEncodingChunked = true;
        // The body follows once the server agreed to read it: a refusal before that is read as a refusal.
        request.Headers.ExpectContinue = true;
        return await http.SendAsync(request).WaitAsync(RoomClient.CallTimeout);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    private async Task<StartedCall> StartCallAsync(string title, bool messagePack = false)
    {
        var room = await Server.CreateRoomAsync(title).WaitAsync(RoomClient.CallTimeout);
        var staff = await Server.CreateStaffAsync("agent").WaitAsync(RoomClient.CallTimeout);
        var token = await Server.LoginAsync(staff.Email, staff.Password).WaitAsync(RoomClient.CallTimeout);
        var agent = await RoomClient.ConnectAsync(Server, room.Id, staff.Id, token, messagePack, join: false);
        await agent.Connection.InvokeAsync<AgentStatus>("SetAvailability", true, 1).WaitAsync(RoomClient.CallTimeout);
        await agent.Connection.InvokeAsync<QueueEntry[]>("WatchQueue", room.Id).WaitAsync(RoomClient.CallTimeout);
        var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Vera", messagePack);
        var ticket = await viewer.Connection.InvokeAsync<CallTicket>("RequestCall", room.Id, "documents").WaitAsync(RoomClient.CallTimeout);
        var info = await agent.Connection.InvokeAsync<CallInfo>("AcceptCall", room.Id, ticket.TicketId).WaitAsync(RoomClient.CallTimeout);
        await viewer.Calls.Started.WaitForAsync(c => c.Count > 0, "callStarted on the viewer's side");
        return new StartedCall(room.Id, info.CallId, agent, viewer, new ItemInboxes(agent.Connection), new ItemInboxes(viewer.Connection));
    }

    private static async Task RefusedAsync(RoomClient client, string code, string method, params object?[] args)
    {
        var before = client.Refusals.Items.Count;
        await Should.ThrowAsync<HubException>(() => client.Connection.InvokeCoreAsync(method, args).WaitAsync(RoomClient.CallTimeout), $"{method} should be refused with {code}");
        var notices = await client.Refusals.WaitForAsync(n => n.Count > before, $"the refusal notice of {method}");
        notices[before].ShouldBe(notices[before] with { Method = method, Code = code }, $"{method} should be refused with {code}");
    }

    /// <summary>The in-call events one connection receives.</summary>
    private sealed class ItemInboxes
    {
        public ItemInboxes(HubConnection connection)
        {
            connection.On<CallMessage>("callMessage", m => Messages.Add([m]));
            connection.On<CallFile>("callFile", f => Files.Add([f]));
        }

        public Inbox<CallMessage> Messages { get; } = new("callMessage");

        public Inbox<CallFile> Files { get; } = new("callFile");
    }

    private sealed record StartedCall(string RoomId, string CallId, RoomClient Agent, RoomClient Viewer, ItemInboxes AgentItems, ItemInboxes ViewerItems) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Viewer.DisposeAsync();
            await Agent.DisposeAsync();
        }
    }

    /// <summary>A body whose length is not known in advance, so it is sent in chunks.</summary>
    private sealed class UnknownLengthStream(byte[] content) : MemoryStream(content, writable: false)
    {
        public override bool CanSeek => false;
    }
}
