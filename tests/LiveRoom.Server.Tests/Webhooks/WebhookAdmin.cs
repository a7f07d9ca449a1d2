using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRoom.Contracts.Webhooks;
using LiveRoom.Contracts.Wire;
using LiveRoom.Testing;

namespace LiveRoom.Server.Tests.Webhooks;

/// <summary>The webhook admin API as an admin uses it.</summary>
internal sealed class WebhookAdmin(HttpClient http) : IDisposable
{
    public static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(20);

    public HttpClient Http { get; } = http;

    public static async Task<WebhookAdmin> SignInAsync(LiveRoomServerBase server) =>
        new(server.CreateHttpClient(await server.LoginAsync().WaitAsync(RoomClient.CallTimeout)));

    public async Task<(string Id, string Secret)> CreateAsync(string url, params string[] events)
    {
        using var response = await Http.PostAsJsonAsync("api/webhooks", new { url, events }).WaitAsync(RoomClient.CallTimeout);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        using var body = JsonDocument.Parse(text);
        return (body.RootElement.GetProperty("id").GetString()!, body.RootElement.GetProperty("secret").GetString()!);
    }

    public async Task<WebhookDelivery> PingAsync(string endpointId)
    {
        using var response = await Http.PostAsync($"api/webhooks/{endpointId}/test", null).WaitAsync(RoomClient.CallTimeout);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<WebhookDelivery>(WireFormat.Json))!;
    }

    public async Task<WebhookEndpoint> EndpointAsync(string id) =>
        (await Http.GetFromJsonAsync<WebhookEndpoint>($"api/webhooks/{id}", WireFormat.Json).WaitAsync(RoomClient.CallTimeout))!;

    public async Task<WebhookDelivery[]> DeliveriesAsync(string endpointId, string? status = null) =>
        (await Http.GetFromJsonAsync<WebhookDelivery[]>($"api/webhooks/deliveries?endpointId={endpointId}{(status is null ? string.Empty : "&status=" + status)}", WireFormat.Json).WaitAsync(RoomClient.CallTimeout))!;

    /// <summary>Asks for the delivery until it is as wanted (what the console does); fails with what it last was.</summary>
    public async Task<WebhookDelivery> WaitForDeliveryAsync(string endpointId, string deliveryId, Func<WebhookDelivery, bool> wanted, string what)
    {
        using var timeout = new CancellationTokenSource(DeliveryTimeout);
        WebhookDelivery? last = null;
        while (!timeout.IsCancellationRequested)
        {
            last = (await DeliveriesAsync(endpointId)).SingleOrDefault(d => d.Id == deliveryId);
            if (last is not null && wanted(last)) return last;
            await Task.Delay(100, CancellationToken.None);
        }

        throw new TimeoutException($"Waiting for the delivery {what} timed out; it was {last}");
    }

    public void Dispose() => Http.Dispose();
}
