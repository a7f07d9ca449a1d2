using LiveRoom.Contracts.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveRoom.Server.Http;

/// <summary>
/// HTTP answers for refusals, as problem details whose <c>detail</c> can be shown to a user and whose
/// <c>code</c> is the refusal's stable wire name.
/// </summary>
internal static class Problems
{
    public static IResult From(Refusal refusal) => Typed(refusal);

    /// <summary>The same answer as a typed result, for endpoints that declare their results (and so their OpenAPI schema).</summary>
    public static ProblemHttpResult Typed(Refusal refusal) => TypedResults.Problem(detail: refusal.Message, extensions: new Dictionary<string, object?> { ["code"] = RefusalCodes.WireName(refusal.Code) }, statusCode: refusal.Code switch
    {
        RefusalCode.NotFound => StatusCodes.Status404NotFound,
        RefusalCode.NotAllowed or RefusalCode.Banned => StatusCodes.Status403Forbidden,
        RefusalCode.TooFast or RefusalCode.TooManyConnections => StatusCodes.Status429TooManyRequests,
        RefusalCode.RoomEnded or RefusalCode.AlreadyDone or RefusalCode.FormChanged => StatusCodes.Status409Conflict,
        RefusalCode.UnsupportedImage => StatusCodes.Status415UnsupportedMediaType,
        RefusalCode.ImageTooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status400BadRequest,
    });

    public static IResult BadRequest(string detail) => Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>A refusal with a stable <c>code</c> a client can act on, besides the <c>detail</c> it can show.</summary>
    public static IResult Refused(int statusCode, string code, string detail) =>
        Results.Problem(detail: detail, statusCode: statusCode, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static IResult RoomNotFound() => From(Refusals.RoomNotFound);
}
