using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using LiveRoom.Contracts.Webhooks;
using LiveRoom.Contracts.Wire;
using LiveRoom.Testing;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;

namespace LiveRoom.Server.Tests.Webhooks;

/// <summary>Deliveries to a real receiver on loopback, checked with the Standard Webhooks reference library.</summary>
public sealed class WebhookDeliveryTests(WebhookServerFixture fixture) : IClassFixture<WebhookServerFixture>
{
    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task DeliveriesAreSignedAsStandardWebhooksAndDuringARotationBothKeysVerify()
    {
        await using var receiver = await WebhookReceiver.StartAsync().WaitAsync(RoomClient.CallTimeout);
        using var admin = await WebhookAdmin.SignInAsync(Server);
        var (id, secret) = await admin.CreateAsync(receiver.Url(), WebhookEventTypes.LeadCreated);
        secret.ShouldStartWith("whsec_");
        Convert.FromBase64String(secret["whsec_".Length..]).Length.ShouldBeInRange(24, 32);

        var sent = await admin.PingAsync(id);
        var ping = (await receiver.WaitForAsync(WebhookEventTypes.Ping)).Single();

        new StandardWebhook(secret).Verify(ping.Body, ping.Headers);
        ping.Id.ShouldBe(sent.EventId);
        ping.Headers.ContentType.ToString().ShouldStartWith("application/json");
        ping.Headers.UserAgent.ToString().ShouldContain("LiveRoom");
        long.Parse(ping.Headers["webhook-timestamp"].ToString(), CultureInfo.InvariantCulture).ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        ping.Data.GetProperty("endpointId").GetString().ShouldBe(id);
        DateTimeOffset.Parse(ping.Json.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture).ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        Should.Throw<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => new StandardWebhook("whsec_" + Convert.ToBase64String(new byte[32])).Verify(ping.Body, ping.Headers));

        using var rotation = await admin.Http.PostAsync($"api/webhooks/{id}/rotate", null).WaitAsync(RoomClient.CallTimeout);
        rotation.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rotated = (await rotation.Content.ReadFromJsonAsync<WebhookApiRotated>(WireFormat.Json))!;
        rotated.Secret.ShouldNotBe(secret);
        rotated.PreviousSecretExpiresAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddHours(23));
        await admin.PingAsync(id);
        var during = (await receiver.WaitForAsync(WebhookEventTypes.Ping, 2))[1];

        var signatures = during.Headers["webhook-signature"].ToString().Split(' ');
        signatures.Length.ShouldBe(2);
        new StandardWebhook(rotated.Secret).Verify(during.Body, during.Headers);
        // The specification has a receiver try every signature in the header; StandardWebhooks 1.1.2 only tries
        // the first (the new key's), so the old key is checked on its own signature, as such a receiver would.
        new StandardWebhook(secret).Verify(during.Body, WithSignature(during.Headers, signatures[1]));
        Should.Throw<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => new StandardWebhook(secret).Verify(during.Body, WithSignature(during.Headers, signatures[0])));
        (await admin.Http.GetStringAsync($"api/webhooks/{id}")).ShouldNotContain(rotated.Secret["whsec_".Length..]);
        (await admin.Http.GetStringAsync("api/webhooks")).ShouldNotContain(secret["whsec_".Length..]);
        var keys = new[] { secret["whsec_".Length..], rotated.Secret["whsec_".Length..] };
        Server.Logs.Lines.ShouldNotContain(l => keys.Any(k => l.Contains(k, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AFailingReceiverGetsTheSameWebhookIdOnEveryRetryUntilItAnswers()
    {
        await using var receiver = await WebhookReceiver.StartAsync().WaitAsync(RoomClient.CallTimeout);
        using var admin = await WebhookAdmin.SignInAsync(Server);
        var (id, secret) = await admin.CreateAsync(receiver.Url(), WebhookEventTypes.LeadCreated);
        receiver.Plan(new WebhookReply(500), new WebhookReply(500));

        var sent = await admin.PingAsync(id);
        var attempts = await receiver.WaitForAsync(WebhookEventTypes.Ping, 3);
        var delivered = await admin.WaitForDeliveryAsync(id, sent.Id, d => d.Status == WebhookDeliveryStatus.Succeeded, "to succeed");

        attempts.Select(a => a.Id).Distinct().ShouldBe([sent.EventId]);
        attempts.Select(a => a.Body).Distinct().Count().ShouldBe(1, "every attempt sends the same body");
        foreach (var attempt in attempts) new StandardWebhook(secret).Verify(attempt.Body, attempt.Headers);
        delivered.Attempts.ShouldBe(3);
        delivered.LastStatusCode.ShouldBe(200);
        delivered.NextAttemptAt.ShouldBeNull();
        var health = await admin.EndpointAsync(id);
        health.ConsecutiveFailures.ShouldBe(0);
        health.LastSuccessAt.ShouldNotBeNull();
        health.LastFailure.ShouldBe("The endpoint answered 500.");
    }

    [Fact]
    public async Task ADeliveryFailsForGoodWhenTheScheduleIsSpentAndAResendIsANewAttemptWithTheSameId()
    {
        await using var receiver = await WebhookReceiver.StartAsync().WaitAsync(RoomClient.CallTimeout);
        using var admin = await WebhookAdmin.SignInAsync(Server);
        var (id, _) = await admin.CreateAsync(receiver.Url(), WebhookEventTypes.LeadCreated);
        receiver.Plan(new WebhookReply(500), new WebhookReply(502), new WebhookReply(503), new WebhookReply(500));

        var sent = await admin.PingAsync(id);
        var failed = await admin.WaitForDeliveryAsync(id, sent.Id, d => d.Status == WebhookDeliveryStatus.Failed, "to fail");
        failed.Attempts.ShouldBe(4, "at once, then the three waits of the schedule");
        (await admin.EndpointAsync(id)).ConsecutiveFailures.ShouldBe(4);
        (await admin.DeliveriesAsync(id, "failed")).Select(d => d.Id).ShouldBe([sent.Id]);

        using var resend = await admin.Http.PostAsync($"api/webhooks/deliveries/{sent.Id}/resend", null).WaitAsync(RoomClient.CallTimeout);
        resend.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var all = await receiver.WaitForAsync(WebhookEventTypes.Ping, 5);
        var resent = await admin.WaitForDeliveryAsync(id, sent.Id, d => d.Status == WebhookDeliveryStatus.Succeeded, "to succeed after the re-send");

        all.Select(a => a.Id).Distinct().ShouldBe([sent.EventId]);
        resent.Attempts.ShouldBe(5);
        (await admin.EndpointAsync(id)).ConsecutiveFailures.ShouldBe(0);
    }

    [Fact]
    public async Task GoneTurnsTheEndpointOffAndItGetsNothingMore()
    {
        await using var receiver = await WebhookReceiver.StartAsync().WaitAsync(RoomClient.CallTimeout);
        using var admin = await WebhookAdmin.SignInAsync(Server);
        var (id, _) = await admin.CreateAsync(receiver.Url(), WebhookEventTypes.LeadCreated);
        receiver.Plan(new WebhookReply(410));

        var sent = await admin.PingAsync(id);
        var gone = await admin.WaitForDeliveryAsync(id, sent.Id, d => d.Status == WebhookDeliveryStatus.Failed, "to fail on 410");

        gone.Attempts.ShouldBe(1);
        gone.LastStatusCode.ShouldBe(410);
        var endpoint = await admin.EndpointAsync(id);
        endpoint.Enabled.ShouldBeFalse();
        endpoint.DisabledReason.ShouldNotBeNull().ShouldContain("410");
        using var refused = await admin.Http.PostAsync($"api/webhooks/{id}/test", null).WaitAsync(RoomClient.CallTimeout);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("\"code\":\"endpoint_disabled\"");

        using var enable = await admin.Http.PatchAsJsonAsync($"api/webhooks/{id}", new { enabled = true }).WaitAsync(RoomClient.CallTimeout);
        var enabled = (await enable.Content.ReadFromJsonAsync<WebhookEndpoint>(WireFormat.Json))!;
        enabled.Enabled.ShouldBeTrue();
        enabled.DisabledReason.ShouldBeNull();
        receiver.Received.Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RetryAfterIsWaitedFor()
    {
        await using var receiver = await WebhookReceiver.StartAsync().WaitAsync(RoomClient.CallTimeout);
        using var admin = await WebhookAdmin.SignInAsync(Server);
        var (id, _) = await admin.CreateAsync(receiver.Url(), WebhookEventTypes.LeadCreated);
        receiver.Plan(new WebhookReply(503, RetryAfter: "3"));

        var sent = await admin.PingAsync(id);
        var attempts = await receiver.WaitForAsync(WebhookEventTypes.Ping, 2);

        (attempts[1].At - attempts[0].At).ShouldBeGreaterThan(TimeSpan.FromSeconds(2.8), "the schedule says 300 ms; the endpoint asked for 3 s");
        (await admin.WaitForDeliveryAsync(id, sent.Id, d => d.Status == WebhookDeliveryStatus.Succeeded, "to succeed")).Attempts.ShouldBe(2);
    }

    [Fact]
    public async Task ARedirectIsAFailureAndIsNotFollowed()
    {
        await using var receiver = await WebhookReceiver.StartAsync().WaitAsync(RoomClient.CallTimeout);
        using var admin = await WebhookAdmin.SignInAsync(Server);
        var (id, _) = await admin.CreateAsync(receiver.Url("hook"), WebhookEventTypes.LeadCreated);
        receiver.Plan(new WebhookReply(307, Location: receiver.Url("elsewhere")));

        var sent = await admin.PingAsync(id);
        var first = await admin.WaitForDeliveryAsync(id, sent.Id, d => d.Attempts >= 1, "to be tried");
        await admin.WaitForDeliveryAsync(id, sent.Id, d => d.Status == WebhookDeliveryStatus.Succeeded, "to succeed on the retry");

        first.LastStatusCode.ShouldBe(307);
        first.LastError.ShouldNotBeNull().ShouldContain("not followed");
        receiver.Received.Items.Select(r => r.Path).ShouldBe(["/hook", "/hook"]);
    }

    [Fact]
    public async Task OnlyAdminsUseTheWebhookApi()
    {
        var room = await Server.CreateRoomAsync("webhook rights").WaitAsync(RoomClient.CallTimeout);
        var viewer = await Server.CreateViewerAsync(room.Id, "Nosy").WaitAsync(RoomClient.CallTimeout);
        var host = await Server.CreateStaffAsync("host").WaitAsync(RoomClient.CallTimeout);
        var agent = await Server.CreateStaffAsync("agent").WaitAsync(RoomClient.CallTimeout);
        using var asViewer = Server.CreateHttpClient(viewer.AccessToken);
        using var asHost = Server.CreateHttpClient(await Server.LoginAsync(host.Email, host.Password).WaitAsync(RoomClient.CallTimeout));
        using var asAgent = Server.CreateHttpClient(await Server.LoginAsync(agent.Email, agent.Password).WaitAsync(RoomClient.CallTimeout));
        using var anonymous = Server.CreateHttpClient();
        var body = new { url = "http://127.0.0.1:9/hook", events = new[] { WebhookEventTypes.RoomStarted } };

        foreach (var (client, expected) in new[] { (asViewer, HttpStatusCode.Forbidden), (asHost, HttpStatusCode.Forbidden), (asAgent, HttpStatusCode.Forbidden), (anonymous, HttpStatusCode.Unauthorized) })
        {
            (await client.PostAsJsonAsync("api/webhooks", body).WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(expected);
            (await client.GetAsync("api/webhooks").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(expected);
            (await client.GetAsync("api/webhooks/deliveries").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(expected);
            (await client.PostAsync("api/webhooks/wh_x/rotate", null).WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(expected);
            (await client.DeleteAsync("api/webhooks/wh_x").WaitAsync(RoomClient.CallTimeout)).StatusCode.ShouldBe(expected);
        }
    }

    [Fact]
    public async Task UnknownEventTypesAndBadUrlsAreRefusedWithACode()
    {
        using var admin = await WebhookAdmin.SignInAsync(Server);

        foreach (var (request, code) in new (object, string)[]
        {
            (new { url = "http://127.0.0.1:9/hook", events = new[] { "room.started", "room.exploded" } }, "unknown_event"),
            (new { url = "http://127.0.0.1:9/hook", events = Array.Empty<string>() }, "no_events"),
            (new { url = "ftp://127.0.0.1/hook", events = new[] { "room.started" } }, "invalid_url"),
            (new { url = "not a url", events = new[] { "room.started" } }, "invalid_url"),
            (new { url = "http://user:pass@127.0.0.1:9/hook", events = new[] { "room.started" } }, "invalid_url"),
        })
        {
            using var response = await admin.Http.PostAsJsonAsync("api/webhooks", request).WaitAsync(RoomClient.CallTimeout);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await response.Content.ReadAsStringAsync()).ShouldContain($"\"code\":\"{code}\"");
        }

        var types = await admin.Http.GetFromJsonAsync<string[]>("api/webhooks/event-types").WaitAsync(RoomClient.CallTimeout);
        types.ShouldBe(["room.started", "room.ended", "lead.created", "lead.updated", "card.clicked", "call.completed", "question.asked"], ignoreOrder: true);
    }

    private static HeaderDictionary WithSignature(IHeaderDictionary headers, string signature)
    {
        var copy = new HeaderDictionary();
        foreach (var (name, value) in headers) copy[name] = value;
        copy["webhook-signature"] = signature;
        return copy;
    }

    private sealed record WebhookApiRotated(string Id, string Secret, DateTimeOffset PreviousSecretExpiresAt);
}
