using System.Net;
using System.Net.Http.Json;
using System.Text;
using CsvHelper;
using LiveRoom.Contracts.Leads;
using LiveRoom.Contracts.Wire;
using LiveRoom.Server.Tests.Calls;
using LiveRoom.Testing;

namespace LiveRoom.Server.Tests.Leads;

/// <summary>Lead capture: the form, one lead per viewer and room with the consent text they read, the staff's list and CSV.</summary>
public sealed class LeadTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task AViewerLeavesDetailsOnceAndSendingAgainUpdatesTheSameLeadWithTheConsentTheyRead()
    {
        var room = await Server.CreateRoomAsync("webinar").WaitAsync(RoomClient.CallTimeout);
        var viewer = await Server.CreateViewerAsync(room.Id, "Lin").WaitAsync(RoomClient.CallTimeout);
        using var asViewer = Server.CreateHttpClient(viewer.AccessToken);
        var form = await asViewer.GetFromJsonAsync<FormView>($"api/rooms/{room.Id}/leads/form", WireFormat.Json).WaitAsync(RoomClient.CallTimeout);
        form!.Form.Enabled.ShouldBeTrue();
        form.Mine.ShouldBeNull();

        using var first = await asViewer.PostAsJsonAsync($"api/rooms/{room.Id}/leads", new { name = "Lin", phone = "138 0013 8000", note = "Rates?", consent = true, consentVersion = form.Form.ConsentVersion, locale = "zh" }).WaitAsync(RoomClient.CallTimeout);
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var created = (await first.Content.ReadFromJsonAsync<Lead>(WireFormat.Json))!;
        using var second = await asViewer.PostAsJsonAsync($"api/rooms/{room.Id}/leads", new { email = "lin@example.com", company = "Lin & Co", consent = true, locale = "en" }).WaitAsync(RoomClient.CallTimeout);
        second.StatusCode.ShouldBe(HttpStatusCode.OK, "sending again updates");
        var updated = (await second.Content.ReadFromJsonAsync<Lead>(WireFormat.Json))!;

        created.Phone.ShouldBe("+8613800138000", "stored in E.164");
        created.Consent.Text.ShouldBe(LeadForm.DefaultConsent.Zh, "the exact text the viewer read, in their locale");
        created.Consent.Locale.ShouldBe("zh");
        created.Consent.Version.ShouldBe(form.Form.ConsentVersion);
        updated.Id.ShouldBe(created.Id);
        updated.Phone.ShouldBe("+8613800138000", "a field not sent again is kept");
        updated.Email.ShouldBe("lin@example.com");
        updated.Consent.Text.ShouldBe(LeadForm.DefaultConsent.En, "the latest consent given");
        var staff = await StaffAsync("marketer");
        var list = await staff.GetFromJsonAsync<Lead[]>($"api/rooms/{room.Id}/leads", WireFormat.Json).WaitAsync(RoomClient.CallTimeout);
        list!.ShouldHaveSingleItem().Id.ShouldBe(created.Id);
        (await asViewer.GetFromJsonAsync<FormView>($"api/rooms/{room.Id}/leads/form", WireFormat.Json))!.Mine!.Id.ShouldBe(created.Id, "the page can show what the viewer left");
    }

    [Theory]
    [InlineData("""{"name":"A","phone":"13800138000","consent":false}""", HttpStatusCode.BadRequest, "consent_required")]
    [InlineData("""{"name":"A","phone":"12","consent":true}""", HttpStatusCode.BadRequest, "invalid")]
    [InlineData("""{"name":"A","email":"not an address","consent":true}""", HttpStatusCode.BadRequest, "invalid")]
    [InlineData("""{"name":"A","consent":true}""", HttpStatusCode.BadRequest, "invalid")]
    [InlineData("""{"name":"A","phone":"13800138000","consent":true,"consentVersion":99}""", HttpStatusCode.Conflict, "form_changed")]
    public async Task DetailsWeCannotUseAreRefusedWithAStableCodeAndNothingIsStored(string body, HttpStatusCode status, string code)
    {
        var room = await Server.CreateRoomAsync("bad lead").WaitAsync(RoomClient.CallTimeout);
        var viewer = await Server.CreateViewerAsync(room.Id, "Bad").WaitAsync(RoomClient.CallTimeout);
        using var asViewer = Server.CreateHttpClient(viewer.AccessToken);

        await (await asViewer.PostAsync($"api/rooms/{room.Id}/leads", new StringContent(body, Encoding.UTF8, "application/json")).WaitAsync(RoomClient.CallTimeout))
            .ShouldBeRefusedAsync(status, code, body);

        var staff = await StaffAsync("admin");
        (await staff.GetFromJsonAsync<Lead[]>($"api/rooms/{room.Id}/leads", WireFormat.Json))!.ShouldBeEmpty();
    }

    [Fact]
    public async Task RequiredFieldsAndANewConsentWordingComeFromTheRoomsForm()
    {
        var room = await Server.CreateRoomAsync("bank webinar").WaitAsync(RoomClient.CallTimeout);
        var staff = await StaffAsync("marketer");
        using var saved = await staff.PutAsJsonAsync($"api/rooms/{room.Id}/leads/form", new
        {
            enabled = true,
            fields = new { name = "required", phone = "required", email = "off", company = "optional", note = "off" },
            consentText = new { en = "Bank X may call me about mortgages.", zh = "X银行可以就房贷联系我。" },
            marketingText = new { en = "Send me offers.", zh = "给我发送优惠信息。" },
        }).WaitAsync(RoomClient.CallTimeout);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var form = (await saved.Content.ReadFromJsonAsync<LeadForm>(WireFormat.Json))!;
        form.ConsentVersion.ShouldBe(2, "a new wording is a new version");
        var viewer = await Server.CreateViewerAsync(room.Id, "Wu").WaitAsync(RoomClient.CallTimeout);
        using var asViewer = Server.CreateHttpClient(viewer.AccessToken);

        await (await asViewer.PostAsJsonAsync($"api/rooms/{room.Id}/leads", new { name = "Wu", consent = true, consentVersion = 2 })).ShouldBeRefusedAsync(HttpStatusCode.BadRequest, "invalid", "the phone is required");
        await (await asViewer.PostAsJsonAsync($"api/rooms/{room.Id}/leads", new { name = "Wu", phone = "13800138001", consent = true, consentVersion = 1 })).ShouldBeRefusedAsync(HttpStatusCode.Conflict, "form_changed", "the viewer read an older wording");
        using var ok = await asViewer.PostAsJsonAsync($"api/rooms/{room.Id}/leads", new { name = "Wu", phone = "13800138001", email = "wu@example.com", consent = true, marketingOptIn = true, consentVersion = 2, locale = "en" });
        var lead = (await ok.Content.ReadFromJsonAsync<Lead>(WireFormat.Json))!;

        lead.Consent.Text.ShouldBe("Bank X may call me about mortgages.");
        lead.MarketingConsent!.Text.ShouldBe("Send me offers.");
        lead.Email.ShouldBeNull("the form does not ask for an e-mail address");
    }

    [Fact]
    public async Task TheCsvExportNeutralisesCellsASpreadsheetWouldRunAsFormulas()
    {
        var room = await Server.CreateRoomAsync("csv").WaitAsync(RoomClient.CallTimeout);
        var viewer = await Server.CreateViewerAsync(room.Id, "Mallory").WaitAsync(RoomClient.CallTimeout);
        using var asViewer = Server.CreateHttpClient(viewer.AccessToken);
        using var sent = await asViewer.PostAsJsonAsync($"api/rooms/{room.Id}/leads", new { name = "=HYPERLINK(\"http://x\",\"y\")", phone = "+86 138 0013 8000", note = "@SUM(1,2), \"quoted\"\nnext line", consent = true, locale = "zh" });
        sent.StatusCode.ShouldBe(HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        var staff = await StaffAsync("host");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/rooms/{room.Id}/leads");
        request.Headers.Accept.ParseAdd("text/csv");
        using var response = await staff.SendAsync(request).WaitAsync(RoomClient.CallTimeout);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "a byte-order mark, so spreadsheets read Chinese right");
        using var reader = CsvReader.FromText(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        reader.Read().ShouldBeTrue("one lead");
        reader.GetString("name").ShouldBe("'=HYPERLINK(\"http://x\",\"y\")");
        reader.GetString("phone").ShouldBe("'+8613800138000");
        reader.GetString("question").ShouldBe("'@SUM(1,2), \"quoted\"\nnext line");
        reader.GetString("consent_text").ShouldBe(LeadForm.DefaultConsent.Zh);
        reader.Read().ShouldBeFalse("only one lead");
    }

    [Fact]
    public async Task ACallBackRequestMakesTheViewerALead()
    {
        var room = await Server.CreateRoomAsync("call-back lead").WaitAsync(RoomClient.CallTimeout);
        var viewer = await Server.CreateViewerAsync(room.Id, "Zhou").WaitAsync(RoomClient.CallTimeout);
        using var asViewer = Server.CreateHttpClient(viewer.AccessToken);
        using var sent = await asViewer.PostAsJsonAsync($"api/rooms/{room.Id}/callbacks", new { name = "Zhou", phone = "13800138002", topic = "car insurance", consent = true, locale = "zh" });
        sent.StatusCode.ShouldBe(HttpStatusCode.Created);
        var staff = await StaffAsync("admin");

        var lead = (await staff.GetFromJsonAsync<Lead[]>($"api/rooms/{room.Id}/leads", WireFormat.Json))!.ShouldHaveSingleItem();

        lead.Source.ShouldBe(LeadSource.CallBack);
        lead.Phone.ShouldBe("+8613800138002");
        lead.Note.ShouldBe("car insurance");
        lead.Consent.Text.ShouldBe("我同意就此请求被联系。");
    }

    [Fact]
    public async Task OnlyTheRoomsViewersLeaveDetailsAndOnlyMarketingStaffReadThem()
    {
        var room = await Server.CreateRoomAsync("who reads").WaitAsync(RoomClient.CallTimeout);
        var other = await Server.CreateRoomAsync("elsewhere").WaitAsync(RoomClient.CallTimeout);
        var stranger = await Server.CreateViewerAsync(other.Id, "Stranger").WaitAsync(RoomClient.CallTimeout);
        using var asStranger = Server.CreateHttpClient(stranger.AccessToken);
        var agent = await StaffAsync("agent");

        await (await asStranger.PostAsJsonAsync($"api/rooms/{room.Id}/leads", new { phone = "13800138000", consent = true })).ShouldBeRefusedAsync(HttpStatusCode.Forbidden, "not_allowed", "a viewer of another room");
        (await asStranger.GetAsync($"api/rooms/{room.Id}/leads")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await agent.GetAsync($"api/rooms/{room.Id}/leads")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "agents work call-backs, not the lead list");
        (await agent.PutAsJsonAsync($"api/rooms/{room.Id}/leads/form", new { enabled = false })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task StaffMarkALeadContactedAndClearIt()
    {
        var room = await Server.CreateRoomAsync("contacted").WaitAsync(RoomClient.CallTimeout);
        var viewer = await Server.CreateViewerAsync(room.Id, "Qian").WaitAsync(RoomClient.CallTimeout);
        using var asViewer = Server.CreateHttpClient(viewer.AccessToken);
        using var sent = await asViewer.PostAsJsonAsync($"api/rooms/{room.Id}/leads", new { email = "qian@example.com", consent = true });
        var lead = (await sent.Content.ReadFromJsonAsync<Lead>(WireFormat.Json))!;
        var staff = await StaffAsync("marketer");

        var marked = await (await staff.PostAsJsonAsync($"api/rooms/{room.Id}/leads/{lead.Id}/contacted", new { contacted = true })).Content.ReadFromJsonAsync<Lead>(WireFormat.Json);
        var cleared = await (await staff.PostAsJsonAsync($"api/rooms/{room.Id}/leads/{lead.Id}/contacted", new { contacted = false })).Content.ReadFromJsonAsync<Lead>(WireFormat.Json);

        marked!.ContactedAt.ShouldNotBeNull();
        marked.ContactedBy.ShouldNotBeNull();
        cleared!.ContactedAt.ShouldBeNull();
        await (await staff.PostAsJsonAsync($"api/rooms/{room.Id}/leads/ld_nope/contacted", new { contacted = true })).ShouldBeRefusedAsync(HttpStatusCode.NotFound, "not_found", "no such lead");
    }

    private async Task<HttpClient> StaffAsync(string role)
    {
        if (role == "admin") return Server.CreateHttpClient(await Server.LoginAsync().WaitAsync(RoomClient.CallTimeout));
        var staff = await Server.CreateStaffAsync(role).WaitAsync(RoomClient.CallTimeout);
        return Server.CreateHttpClient(await Server.LoginAsync(staff.Email, staff.Password).WaitAsync(RoomClient.CallTimeout));
    }

    private sealed record FormView(LeadForm Form, Lead? Mine);
}
