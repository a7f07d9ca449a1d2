using System.Net.Http.Json;
using LiveRoom.Contracts.Leads;
using LiveRoom.Contracts.Wire;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests.Leads;

/// <summary>The viewer page's "Contact me" tab: the room's lead form, its consent, and the details stored (docs/LEADS.md).</summary>
public sealed class LeadFormTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_viewer_on_a_phone_leaves_details_with_the_consent_unticked_until_they_tick_it_and_the_lead_stores_the_text_they_read()
    {
        var room = await fixture.Server.CreateRoomAsync(BrowserFixture.UniqueTitle("Leads"), TestContext.Current.CancellationToken).Limit();
        await using var phone = await fixture.NewContextAsync(phone: true);
        var viewer = await ViewerPage.OpenAsync(phone, $"r/{room.Id}");
        await viewer.JoinAsync("Lin");

        await viewer.Page.GetByRole(AriaRole.Tab, new() { Name = "Contact me" }).ClickAsync();
        var form = viewer.Page.GetByRole(AriaRole.Form, new() { Name = "Leave your details" });
        await Expect(form).ToBeVisibleAsync();
        var consent = form.GetByRole(AriaRole.Checkbox, new() { Name = LeadForm.DefaultConsent.En });
        await Expect(consent).Not.ToBeCheckedAsync();
        await form.GetByLabel("Your name").FillAsync("Lin Wei");
        await form.GetByRole(AriaRole.Button, new() { Name = "Send my details" }).ClickAsync();
        await Expect(form.Locator(".inline-error")).ToHaveTextAsync("Give a phone number or an e-mail address.");
        await form.GetByLabel("Phone").FillAsync("138 0013 8000");
        await form.GetByRole(AriaRole.Button, new() { Name = "Send my details" }).ClickAsync();
        await Expect(form.Locator(".inline-error")).ToHaveTextAsync("Please tick the box to agree to be contacted.");
        await form.GetByLabel("Phone").FillAsync("12");
        await consent.CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Send my details" }).ClickAsync();
        await Expect(form.Locator(".inline-error")).ToHaveTextAsync("That is not a phone number we can call.");
        await form.GetByLabel("Phone").FillAsync("138 0013 8000");
        await form.GetByLabel("Your question (optional)").FillAsync("What are the rates for a first home?");
        await form.GetByRole(AriaRole.Button, new() { Name = "Send my details" }).ClickAsync();

        await Expect(viewer.Page.Locator(".lead-sent")).ToHaveTextAsync("Thank you: your details are with the team.");
        await viewer.ScreenshotAsync("viewer-lead-form-phone");
        var leads = await LeadsAsync(room.Id);
        var lead = leads.ShouldHaveSingleItem();
        lead.Phone.ShouldBe("+8613800138000");
        lead.Note.ShouldBe("What are the rates for a first home?");
        lead.Consent.Text.ShouldBe(LeadForm.DefaultConsent.En);
        lead.Consent.Locale.ShouldBe("en");

        // Back later: the page shows the details were left, and changing them updates the same lead.
        await viewer.Page.ReloadAsync();
        await viewer.Page.GetByRole(AriaRole.Tab, new() { Name = "Contact me" }).ClickAsync();
        await Expect(viewer.Page.Locator(".lead-left")).ToContainTextAsync("You left your details on");
        await viewer.Page.GetByRole(AriaRole.Button, new() { Name = "Change my details" }).ClickAsync();
        await Expect(form.GetByLabel("Phone")).ToHaveValueAsync("+8613800138000");
        await form.GetByLabel("E-mail (optional)").FillAsync("lin@example.com");
        await form.GetByRole(AriaRole.Checkbox, new() { Name = LeadForm.DefaultConsent.En }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Update my details" }).ClickAsync();
        await Expect(viewer.Page.Locator(".lead-sent")).ToBeVisibleAsync();
        var again = (await LeadsAsync(room.Id)).ShouldHaveSingleItem();
        again.Id.ShouldBe(lead.Id);
        again.Email.ShouldBe("lin@example.com");
        viewer.Watch.ShouldBeClean();
    }

    [Fact]
    public async Task A_chinese_viewer_on_a_desktop_reads_the_rooms_own_consent_and_opt_in_and_a_changed_wording_is_read_again()
    {
        var room = await fixture.Server.CreateRoomAsync(BrowserFixture.UniqueTitle("线索"), TestContext.Current.CancellationToken).Limit();
        await SaveFormAsync(room.Id, "Bank X may call me.", "X银行可以给我打电话。");
        await using var desktop = await fixture.NewContextAsync(locale: "zh-CN");
        var viewer = await ViewerPage.OpenAsync(desktop, $"r/{room.Id}");
        await viewer.JoinAsync("吴");
        await viewer.Page.GetByRole(AriaRole.Tab, new() { Name = "联系我" }).ClickAsync();
        var form = viewer.Page.GetByRole(AriaRole.Form, new() { Name = "留下联系方式" });
        await Expect(form.GetByRole(AriaRole.Checkbox, new() { Name = "X银行可以给我打电话。" })).ToBeVisibleAsync();
        await Expect(form.GetByRole(AriaRole.Checkbox, new() { Name = "给我发送优惠信息。" })).Not.ToBeCheckedAsync();
        await Expect(form.GetByLabel("公司")).ToHaveCountAsync(0);
        await form.GetByLabel("电话", new() { Exact = true }).FillAsync("13800138001");
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "X银行可以给我打电话。" }).CheckAsync();
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "给我发送优惠信息。" }).CheckAsync();
        await viewer.ScreenshotAsync("viewer-lead-form-desktop-zh");

        // Staff change the wording while the viewer is reading: the viewer is asked to read it again.
        await SaveFormAsync(room.Id, "Bank X may call me about loans.", "X银行可以就贷款给我打电话。");
        await form.GetByRole(AriaRole.Button, new() { Name = "提交我的信息" }).ClickAsync();
        await Expect(form.Locator(".lead-note")).ToHaveTextAsync("下面的说明已更新，请重新阅读后提交。");
        await Expect(form.GetByLabel("电话", new() { Exact = true })).ToHaveValueAsync("13800138001");
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "X银行可以就贷款给我打电话。" }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "提交我的信息" }).ClickAsync();
        await Expect(viewer.Page.Locator(".lead-sent")).ToHaveTextAsync("谢谢：您的信息已交给团队。");

        var lead = (await LeadsAsync(room.Id)).ShouldHaveSingleItem();
        lead.Consent.Text.ShouldBe("X银行可以就贷款给我打电话。");
        lead.Consent.Locale.ShouldBe("zh");
        lead.Consent.Version.ShouldBe(3);
        lead.MarketingConsent.ShouldBeNull("the opt-in was not ticked again after the wording changed");
        viewer.Watch.ShouldBeClean();
    }

    private async Task SaveFormAsync(string roomId, string en, string zh)
    {
        using var staff = fixture.Server.CreateHttpClient(await fixture.Server.LoginAsync().Limit());
        using var saved = await staff.PutAsJsonAsync($"api/rooms/{roomId}/leads/form", new
        {
            enabled = true,
            fields = new { name = "optional", phone = "required", email = "optional", company = "off", note = "optional" },
            consentText = new { en, zh },
            marketingText = new { en = "Send me offers.", zh = "给我发送优惠信息。" },
        }).Limit();
        saved.EnsureSuccessStatusCode();
    }

    private async Task<Lead[]> LeadsAsync(string roomId)
    {
        using var staff = fixture.Server.CreateHttpClient(await fixture.Server.LoginAsync().Limit());
        return (await staff.GetFromJsonAsync<Lead[]>($"api/rooms/{roomId}/leads", WireFormat.Json).Limit())!;
    }
}
