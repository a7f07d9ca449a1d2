using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LiveRoom.Testing;

/// <summary>One request a <see cref="WebhookReceiver"/> got.</summary>
public sealed record ReceivedWebhook(string Path, IHeaderDictionary Headers, string Body, DateTimeOffset At)
{
    public string Id => Headers["webhook-id"].ToString();

    public string Type => Json.GetProperty("type").GetString() ?? string.Empty;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public JsonElement Data => Json.GetProperty("data");

    public override string ToString() => $"{Path} {Id} {Body}";
}
