using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveRoom.Server.Webhooks;

/// <summary>The webhook API's refusals: problem details with a stable <c>code</c> besides the readable <c>detail</c>.</summary>
public static class WebhookProblems
{
    public const string InvalidUrl = "invalid_url";
    public const string InsecureUrl = "insecure_url";
    public const string PrivateNetwork = "private_network";
    public const string UnresolvableHost = "unresolvable_host";
    public const string UnknownEvent = "unknown_event";
    public const string NoEvents = "no_events";
    public const string TooMany = "too_many_endpoints";
    public const string EndpointDisabled = "endpoint_disabled";
    public const string NotFound = "not_found";
    public const string Invalid = "invalid";

    public static ProblemHttpResult Refused(string code, string detail, int statusCode = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(detail: detail, statusCode: statusCode, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult EndpointNotFound() => Refused(NotFound, "There is no such webhook endpoint.", StatusCodes.Status404NotFound);

    public static ProblemHttpResult DeliveryNotFound() => Refused(NotFound, "There is no such delivery.", StatusCodes.Status404NotFound);
}
