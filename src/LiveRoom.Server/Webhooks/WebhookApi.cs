using LiveRoom.Contracts.Webhooks;
using LiveRoom.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Webhooks;

/// <summary>The admin API of the CRM webhooks (docs/WEBHOOKS.md): endpoints, their secrets, and the deliveries.</summary>
public static partial class WebhookApi
{
    public sealed record CreateRequest(string? Url, IReadOnlyList<string>? Events);

    /// <summary>A new endpoint's id and its secret, shown this once.</summary>
    public sealed record Created(string Id, string Secret);

    public sealed record UpdateRequest(string? Url, IReadOnlyList<string>? Events, bool? Enabled);

    /// <summary>The new secret after a rotation (shown this once), and until when the previous one still signs too.</summary>
    public sealed record Rotated(string Id, string Secret, DateTimeOffset PreviousSecretExpiresAt);

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/webhooks").WithTags("Webhooks").RequireAuthorization(Roles.AdminPolicy);
        admin.MapPost("/", CreateAsync);
        admin.MapGet("/", ListAsync);
        admin.MapGet("/event-types", () => TypedResults.Ok(WebhookEventTypes.All));
        admin.MapGet("/deliveries", ListDeliveriesAsync);
        admin.MapPost("/deliveries/{deliveryId}/resend", ResendAsync);
        admin.MapGet("/{id}", GetAsync);
        admin.MapPatch("/{id}", UpdateAsync);
        admin.MapDelete("/{id}", DeleteAsync);
        admin.MapPost("/{id}/rotate", RotateAsync);
        admin.MapPost("/{id}/test", TestAsync);
        return app;
    }

    private static async Task<Results<Created<Created>, ProblemHttpResult>> CreateAsync(
        CreateRequest request, HttpContext context, IWebhookEndpoints endpoints, IOptionsMonitor<WebhookOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var events = CheckEvents(request.Events);
        if (events.Problem is not null) return events.Problem;
        var url = await WebhookUrlRules.CheckAsync(request.Url, settings, cancellationToken);
        if (url.Url is null) return WebhookProblems.Refused(url.Code!, url.Reason!);
        if ((await endpoints.ListAsync(cancellationToken)).Count >= settings.MaxEndpoints)
        {
            return WebhookProblems.Refused(WebhookProblems.TooMany, $"This server takes at most {settings.MaxEndpoints} webhook endpoints.", StatusCodes.Status409Conflict);
        }

        var secret = WebhookSecrets.NewSecret();
        var created = await endpoints.CreateAsync("wh_" + Guid.NewGuid().ToString("N")[..20], url.Url, events.Types!, secret, cancellationToken);
        Log.Created(loggers.CreateLogger(typeof(WebhookApi)), created.Id, Caller.From(context.User)?.Id ?? "?", string.Join(",", created.Events));
        return TypedResults.Created($"/api/webhooks/{created.Id}", new Created(created.Id, secret));
    }

    private static async Task<Ok<IReadOnlyList<WebhookEndpoint>>> ListAsync(IWebhookEndpoints endpoints, CancellationToken cancellationToken) =>
        TypedResults.Ok(await endpoints.ListAsync(cancellationToken));

    private static async Task<Results<Ok<WebhookEndpoint>, ProblemHttpResult>> GetAsync(string id, IWebhookEndpoints endpoints, CancellationToken cancellationToken) =>
        await endpoints.GetAsync(id, cancellationToken) is { } found ? TypedResults.Ok(found) : WebhookProblems.EndpointNotFound();

    private static async Task<Results<Ok<WebhookEndpoint>, ProblemHttpResult>> UpdateAsync(
        string id, UpdateRequest request, IWebhookEndpoints endpoints, IOptionsMonitor<WebhookOptions> options, CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? types = null;
        if (request.Events is not null)
        {
            var events = CheckEvents(request.Events);
            if (events.Problem is not null) return events.Problem;
            types = events.Types;
        }

        string? url = null;
        if (request.Url is not null)
        {
            var checkedUrl = await WebhookUrlRules.CheckAsync(request.Url, options.CurrentValue, cancellationToken);
            if (checkedUrl.Url is null) return WebhookProblems.Refused(checkedUrl.Code!, checkedUrl.Reason!);
            url = checkedUrl.Url;
        }

        var updated = await endpoints.UpdateAsync(id, new WebhookEndpointChange(url, types, request.Enabled), cancellationToken);
        return updated is null ? WebhookProblems.EndpointNotFound() : TypedResults.Ok(updated);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, IWebhookEndpoints endpoints, CancellationToken cancellationToken) =>
        await endpoints.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : WebhookProblems.EndpointNotFound();

    private static async Task<Results<Ok<Rotated>, ProblemHttpResult>> RotateAsync(
        string id, HttpContext context, IWebhookEndpoints endpoints, IOptionsMonitor<WebhookOptions> options, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var secret = WebhookSecrets.NewSecret();
        var until = time.GetUtcNow().AddHours(options.CurrentValue.RotationOverlapHours);
        var rotated = await endpoints.RotateSecretAsync(id, secret, until, cancellationToken);
        if (rotated is null) return WebhookProblems.EndpointNotFound();
        Log.Rotated(loggers.CreateLogger(typeof(WebhookApi)), id, Caller.From(context.User)?.Id ?? "?", until);
        return TypedResults.Ok(new Rotated(id, secret, until));
    }

    private static async Task<Results<Accepted<WebhookDelivery>, ProblemHttpResult>> TestAsync(
        string id, IWebhookEndpoints endpoints, IWebhookDeliveries deliveries, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.GetAsync(id, cancellationToken);
        if (endpoint is null) return WebhookProblems.EndpointNotFound();
        if (!endpoint.Enabled)
        {
            return WebhookProblems.Refused(WebhookProblems.EndpointDisabled, "The endpoint is turned off: turn it on to send it a test event.", StatusCodes.Status409Conflict);
        }

        var delivery = await deliveries.AddTestEventAsync(id, cancellationToken);
        return delivery is null ? WebhookProblems.EndpointNotFound() : TypedResults.Accepted($"/api/webhooks/deliveries?endpointId={id}", delivery);
    }

    private static async Task<Results<Ok<IReadOnlyList<WebhookDelivery>>, ProblemHttpResult>> ListDeliveriesAsync(
        string? endpointId, string? status, int? limit, IWebhookDeliveries deliveries, CancellationToken cancellationToken)
    {
        WebhookDeliveryStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<WebhookDeliveryStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return WebhookProblems.Refused(WebhookProblems.Invalid, "status is pending, succeeded or failed.");
            }

            wanted = parsed;
        }

        return TypedResults.Ok(await deliveries.ListAsync(string.IsNullOrWhiteSpace(endpointId) ? null : endpointId, wanted, limit ?? 100, cancellationToken));
    }

    private static async Task<Results<Accepted<WebhookDelivery>, ProblemHttpResult>> ResendAsync(string deliveryId, IWebhookDeliveries deliveries, CancellationToken cancellationToken) =>
        await deliveries.ResendAsync(deliveryId, cancellationToken) is { } delivery
            ? TypedResults.Accepted($"/api/webhooks/deliveries?endpointId={delivery.EndpointId}", delivery)
            : WebhookProblems.DeliveryNotFound();

    private static (IReadOnlyList<string>? Types, ProblemHttpResult? Problem) CheckEvents(IReadOnlyList<string>? events)
    {
        if (events is null || events.Count == 0) return (null, WebhookProblems.Refused(WebhookProblems.NoEvents, "Choose at least one event type."));
        var unknown = events.Where(e => e is null || !WebhookEventTypes.IsSubscribable(e)).ToArray();
        if (unknown.Length > 0)
        {
            return (null, WebhookProblems.Refused(
                WebhookProblems.UnknownEvent,
                $"Unknown event type {string.Join(", ", unknown.Select(u => $"'{u}'"))}; the types are {string.Join(", ", WebhookEventTypes.All)}."));
        }

        return ([.. events.Distinct(StringComparer.Ordinal)], null);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9530, Level = LogLevel.Information, Message = "Webhook endpoint {EndpointId} added by {StaffId} for {Events}")]
        public static partial void Created(ILogger logger, string endpointId, string staffId, string events);

        [LoggerMessage(EventId = 9531, Level = LogLevel.Information, Message = "Webhook endpoint {EndpointId}: secret rotated by {StaffId}; the previous one signs too until {Until}")]
        public static partial void Rotated(ILogger logger, string endpointId, string staffId, DateTimeOffset until);
    }
}
