using System.Net;
using System.Net.Http.Json;
using LiveRoom.Contracts.Webhooks;
using LiveRoom.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRoom.Server.Tests.Webhooks;

/// <summary>A server as shipped: webhooks may not reach loopback, private or reserved networks (plain http is allowed here, to test the address rules alone).</summary>
public sealed class WebhookPrivateNetworkTests
{
    [Fact]
    public async Task PrivateTargetsAreRefusedAtRegistrationAndAgainWhenConnecting()
    {
        await using var server = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["LiveRoom:Webhooks:AllowHttp"] = "true",
            ["LiveRoom:Webhooks:RetrySchedule"] = "10m",
            ["LiveRoom:Webhooks:PollIntervalMilliseconds"] = "100",
        }).WaitAsync(TimeSpan.FromSeconds(60));
        await using var receiver = await WebhookReceiver.StartAsync().WaitAsync(RoomClient.CallTimeout);
        using var admin = await WebhookAdmin.SignInAsync(server);

        foreach (var url in new[]
        {
            receiver.Url(), $"http://localhost:{receiver.BaseAddress.Port}/hook", "http://10.1.2.3/hook", "http://192.168.1.10/hook", "http://172.20.0.1/hook",
            "http://169.254.169.254/latest/meta-data", "http://100.64.0.1/hook", "http://[::1]/hook", "http://[fd00::1]/hook", "http://[fe80::1]/hook",
            "http://[::ffff:127.0.0.1]/hook", "http://0.0.0.0/hook", "http://224.0.0.1/hook",
        })
        {
            using var response = await admin.Http.PostAsJsonAsync("api/webhooks", new { url, events = new[] { WebhookEventTypes.RoomStarted } }).WaitAsync(RoomClient.CallTimeout);
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
            text.ShouldContain("\"code\":\"private_network\"", customMessage: url);
        }

        // An endpoint that passed the check once (its name resolved elsewhere then, or the setting was on) is still
        // refused at connect time, and the delivery says why.
        var endpoints = server.Services.GetRequiredService<IWebhookEndpoints>();
        var sneaked = await endpoints.CreateAsync("wh_sneaked", $"http://localhost:{receiver.BaseAddress.Port}/hook", [WebhookEventTypes.LeadCreated], "whsec_" + Convert.ToBase64String(new byte[32]));
        var sent = await admin.PingAsync(sneaked.Id);
        var refused = await admin.WaitForDeliveryAsync(sneaked.Id, sent.Id, d => d.Attempts >= 1, "to be tried");

        refused.Status.ShouldBe(WebhookDeliveryStatus.Pending, "refused like any other failure: retried on the schedule");
        refused.LastStatusCode.ShouldBeNull();
        refused.LastError.ShouldNotBeNull().ShouldContain("loopback");
        receiver.Received.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task PlainHttpIsRefusedUnlessAllowed()
    {
        await using var server = await LiveRoomTestServer.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        using var admin = await WebhookAdmin.SignInAsync(server);

        using var response = await admin.Http.PostAsJsonAsync("api/webhooks", new { url = "http://crm.example.com/hook", events = new[] { WebhookEventTypes.RoomStarted } }).WaitAsync(RoomClient.CallTimeout);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"code\":\"insecure_url\"");
    }
}
