using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveRoom.Testing;

/// <summary>
/// A CRM's webhook receiver for tests: a real Kestrel server on a free loopback port that keeps every request
/// it gets (headers and exact body) and answers with what the test planned (200 when nothing is planned).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<WebhookReply> _planned = new();

    private WebhookReceiver(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Every request, in the order it came.</summary>
    public Inbox<ReceivedWebhook> Received { get; } = new("webhooks");

    /// <summary>The endpoint URL for <paramref name="path"/> on this receiver (by IP: <c>http://127.0.0.1:port/path</c>).</summary>
    public string Url(string path = "hook") => new Uri(BaseAddress, path).ToString();

    public static async Task<WebhookReceiver> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = new HeaderDictionary();
            foreach (var (name, value) in context.Request.Headers) headers[name] = value;
            var reply = receiver!._planned.TryDequeue(out var planned) ? planned : WebhookReply.Ok;
            receiver.Received.Add([new ReceivedWebhook(context.Request.Path.Value ?? string.Empty, headers, body, DateTimeOffset.UtcNow)]);
            if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, context.RequestAborted);
            context.Response.StatusCode = reply.Status;
            if (reply.RetryAfter is not null) context.Response.Headers.RetryAfter = reply.RetryAfter;
            if (reply.Location is not null) context.Response.Headers.Location = reply.Location;
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(address.TrimEnd('/') + "/"));
        return receiver;
    }

    /// <summary>The next requests get these answers, in order; after them, 200 again.</summary>
    public void Plan(params WebhookReply[] replies)
    {
        foreach (var reply in replies) _planned.Enqueue(reply);
    }

    /// <summary>Waits for the requests whose <c>type</c> is <paramref name="type"/> until <paramref name="count"/> have come.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(string type, int count = 1, TimeSpan? timeout = null)
    {
        var all = await Received.WaitForAsync(r => r.Count(x => x.Type == type) >= count, $"{count} {type} webhook(s)", timeout ?? TimeSpan.FromSeconds(20));
        return [.. all.Where(x => x.Type == type)];
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
