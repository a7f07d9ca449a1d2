using Hangfire;
using LiveRoom.Server.Startup;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Webhooks;

/// <summary>
/// Outgoing webhooks to a CRM (Standard Webhooks): the admin API, the sender (Hangfire jobs in a queue of their
/// own, fed from the durable delivery table by a poller) and the HTTP client that will only connect to
/// addresses webhooks may reach. Events are published through <see cref="Contracts.Webhooks.IWebhookEvents"/>.
/// </summary>
public static class WebhooksFeature
{
    public static WebApplicationBuilder AddWebhooks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLiveRoomOptions<WebhookOptions>(WebhookOptions.SectionName);
        services.AddSingleton<WebhookConnector>();
        services.AddSingleton<WebhookDispatchSlots>();
        services.AddHttpClient(WebhookDeliveryJob.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // A 3xx is an answer, not a new place to go: redirects are failures.
                AllowAutoRedirect = false,
                // A proxy would connect for us, past the address checks.
                UseProxy = false,
                UseCookies = false,
                ConnectCallback = sp.GetRequiredService<WebhookConnector>().ConnectAsync,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            // Endpoint URLs may carry a CRM's token: the client's own logging would write them out.
            .RemoveAllLoggers()
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddTransient<WebhookDeliveryJob>();
        services.AddHangfireServer((sp, server) =>
        {
            server.Activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>());
            server.Queues = [WebhookDeliveryJob.Queue];
            server.WorkerCount = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Workers;
        });
        services.AddHostedService<WebhookDeliveryPoller>();
        return builder;
    }

    public static WebApplication MapWebhooks(this WebApplication app)
    {
        app.MapWebhooksApi();
        return app;
    }
}
