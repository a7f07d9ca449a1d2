using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Questions;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Server.Auth;
using LiveRoom.Server.Http;

namespace LiveRoom.Server.Calls;

/// <summary>The call history and what agents see of a viewer (staff who take calls only).</summary>
public static class CallEndpoints
{
    private const int ContextChatLines = 50;

    public static IEndpointRouteBuilder MapCallsApi(this IEndpointRouteBuilder app)
    {
        var calls = app.MapGroup("/api/calls").WithTags("Calls").RequireAuthorization(Roles.ModeratorPolicy);
        calls.MapGet("/", ListAsync);
        calls.MapGet("/{callId}", GetAsync);
        app.MapGet("/api/rooms/{roomId}/viewers/{viewerId}/context", GetViewerContextAsync).WithTags("Calls").RequireAuthorization(Roles.ModeratorPolicy);
        return app;
    }

    /// <summary>Calls, newest first: of a room, of a person (a viewer or an agent), or both.</summary>
    private static async Task<IResult> ListAsync(string? roomId, string? personId, int? limit, ICallRecords records, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 500) return Problems.Refused(StatusCodes.Status400BadRequest, "invalid", "limit is 1 to 500.");
        return Results.Ok(await records.ListCallsAsync(new CallQuery(Blank(roomId), Blank(personId), limit ?? 50), cancellationToken));
    }

    private static async Task<IResult> GetAsync(string callId, ICallRecords records, CancellationToken cancellationToken)
    {
        var call = CallIds.IsCallId(callId) ? await records.GetCallAsync(callId, cancellationToken) : null;
        return call is null ? Problems.From(new Refusal(RefusalCode.NotFound, "There is no such call.")) : Results.Ok(call);
    }

    private static async Task<IResult> GetViewerContextAsync(string roomId, string viewerId, IGrainFactory grains, IRoomRecords rooms, ICallRecords calls, CancellationToken cancellationToken)
    {
        if (!RoomIds.IsRoomId(roomId)) return Problems.RoomNotFound();
        if (string.IsNullOrEmpty(viewerId) || viewerId.Contains('/', StringComparison.Ordinal)) return Problems.From(new Refusal(RefusalCode.NotFound, "There is no such viewer."));
        var viewer = await grains.Viewer(roomId, viewerId).GetAsync();
        var chat = await rooms.LoadChatBySenderAsync(roomId, viewerId, ContextChatLines, cancellationToken);
        var questions = (await rooms.LoadQuestionsAsync(roomId, cancellationToken))
            .Select(q => q.Question)
            .Where(q => q.AskedBy.Id == viewerId)
            .Order(QuestionOrder.Instance)
            .ToArray();
        var history = await calls.ListCallsAsync(new CallQuery(ParticipantId: viewerId, Limit: 20), cancellationToken);
        return Results.Ok(new ViewerContext(viewerId, roomId, viewer?.DisplayName, chat, questions, history));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
