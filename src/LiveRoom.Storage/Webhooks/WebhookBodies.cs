using System.Globalization;
using System.Text.Json;
using LiveRoom.Contracts.Wire;

namespace LiveRoom.Storage.Webhooks;

/// <summary>The body of every delivery: <c>{"type", "timestamp", "data"}</c>, written once when the event is published and sent as is on every attempt.</summary>
internal static class WebhookBodies
{
    public static string Write(string type, DateTimeOffset at, object data)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WriteString("timestamp", at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WritePropertyName("data");
            JsonSerializer.Serialize(json, data, data.GetType(), WireFormat.Json);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string NewEventId() => "msg_" + Guid.NewGuid().ToString("N");

    public static string NewDeliveryId() => "whd_" + Guid.NewGuid().ToString("N");
}
