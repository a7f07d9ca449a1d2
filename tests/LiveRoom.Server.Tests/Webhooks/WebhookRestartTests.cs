using LiveRoom.Contracts.Webhooks;
using LiveRoom.Testing;
using StandardWebhooks;

namespace LiveRoom.Server.Tests.Webhooks;

public sealed class WebhookRestartTests
{
    [Fact]
    public async Task ADeliveryWaitingForItsRetryWhenTheServerStopsArrivesFromTheNextServerWithTheSameId()
    {
        var data = Path.Combine(Path.GetTempPath(), "liveroom-tests", "webhook-restart-" + Guid.NewGuid().ToString("N"));
        var settings = WebhookServerFixture.Settings(retrySchedule: "5s");
        await using var receiver = await WebhookReceiver.StartAsync().WaitAsync(RoomClient.CallTimeout);
        try
        {
            string endpointId, secret;
            WebhookDelivery sent;
            await using (var first = await LiveRoomTestServer.StartAsync(settings, data).WaitAsync(TimeSpan.FromSeconds(60)))
            {
                using var admin = await WebhookAdmin.SignInAsync(first);
                (endpointId, secret) = await admin.CreateAsync(receiver.Url(), WebhookEventTypes.LeadCreated);
                receiver.Plan(new WebhookReply(503));
                sent = await admin.PingAsync(endpointId);
                var waiting = await admin.WaitForDeliveryAsync(endpointId, sent.Id, d => d.Attempts == 1, "to fail once");
                waiting.Status.ShouldBe(WebhookDeliveryStatus.Pending);
                waiting.NextAttemptAt.ShouldNotBeNull().ShouldBeGreaterThan(DateTimeOffset.UtcNow);
            }

            receiver.Received.Items.Count.ShouldBe(1, "the first server stopped before the retry was due");
            await using var second = await LiveRoomTestServer.StartAsync(settings, data).WaitAsync(TimeSpan.FromSeconds(60));
            var attempts = await receiver.WaitForAsync(WebhookEventTypes.Ping, 2);

            attempts[1].Id.ShouldBe(sent.EventId);
            new StandardWebhook(secret).Verify(attempts[1].Body, attempts[1].Headers);
            using var again = await WebhookAdmin.SignInAsync(second);
            var delivered = await again.WaitForDeliveryAsync(endpointId, sent.Id, d => d.Status == WebhookDeliveryStatus.Succeeded, "to succeed after the restart");
            delivered.Attempts.ShouldBe(2);
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
