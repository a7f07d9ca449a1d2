using System.Diagnostics;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Funnel;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Server.Auth;
using LiveRoom.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveRoom.Server.Funnel;

/// <summary>
/// The funnel API, for the staff who work with the audience (admins, hosts, marketers): a room's funnel or every
/// room's, a room's timeline. Anyone else signed in is refused with <c>not_allowed</c>.
/// </summary>
public static partial class FunnelEndpoints
{
    /// <summary>A week of minutes: the most a timeline carries (the latest are kept).</summary>
    internal const int MaxTimelinePoints = 7 * 24 * 60;

    private static readonly Refusal NotMarketing = new(RefusalCode.NotAllowed, "Only admins, hosts and marketers read the funnel.");

    public static IEndpointRouteBuilder MapFunnelApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/funnel", GetAllAsync).WithTags("Funnel").RequireAuthorization()
            .Produces(StatusCodes.Status200OK, contentType: FunnelCsv.ContentType);
        var room = app.MapGroup("/api/rooms/{roomId}/funnel").WithTags("Funnel").RequireAuthorization();
        room.MapGet("/", GetRoomAsync).Produces(StatusCodes.Status200OK, contentType: FunnelCsv.ContentType);
        room.MapGet("/timeline", GetTimelineAsync);
        return app;
    }

    private static async Task<Results<Ok<FunnelReport>, FileContentHttpResult, ProblemHttpResult>> GetAllAsync(
        string? from, string? to, HttpContext context, IFunnelStore funnel, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!MayRead(context)) return Problems.Typed(NotMarketing);
        var range = FunnelRange.Read(from, to);
        if (!range.IsSuccess) return Problems.Typed(range.Refusal!);
        return await ReportAsync(new FunnelQuery(null, range.Value.From, range.Value.To), context, funnel, loggers, cancellationToken);
    }

    private static async Task<Results<Ok<FunnelReport>, FileContentHttpResult, ProblemHttpResult>> GetRoomAsync(
        string roomId, string? from, string? to, HttpContext context, IGrainFactory grains, IFunnelStore funnel, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!MayRead(context)) return Problems.Typed(NotMarketing);
        if (!await RoomExistsAsync(grains, roomId)) return Problems.Typed(Refusals.RoomNotFound);
        var range = FunnelRange.Read(from, to);
        if (!range.IsSuccess) return Problems.Typed(range.Refusal!);
        return await ReportAsync(new FunnelQuery(roomId, range.Value.From, range.Value.To), context, funnel, loggers, cancellationToken);
    }

    private static async Task<Results<Ok<FunnelTimeline>, ProblemHttpResult>> GetTimelineAsync(
        string roomId, string? from, string? to, HttpContext context, IGrainFactory grains, IFunnelStore funnel,
        IEnumerable<ITimelineMarkerSource> markerSources, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!MayRead(context)) return Problems.Typed(NotMarketing);
        if (!await RoomExistsAsync(grains, roomId)) return Problems.Typed(Refusals.RoomNotFound);
        var range = FunnelRange.Read(from, to);
        if (!range.IsSuccess) return Problems.Typed(range.Refusal!);
        var (start, end) = range.Value;

        var watch = Stopwatch.StartNew();
        var points = await funnel.GetTimelineAsync(roomId, start, end, MaxTimelinePoints, cancellationToken);
        var markers = new List<TimelineMarker>();
        foreach (var source in markerSources) markers.AddRange(await source.GetMarkersAsync(roomId, start, end, cancellationToken));
        Log.TimelineRead(loggers.CreateLogger(typeof(FunnelEndpoints)), roomId, points.Count, watch.ElapsedMilliseconds);
        return TypedResults.Ok(new FunnelTimeline(roomId, points, [.. markers.OrderBy(m => m.At)]));
    }

    private static async Task<Results<Ok<FunnelReport>, FileContentHttpResult, ProblemHttpResult>> ReportAsync(
        FunnelQuery query, HttpContext context, IFunnelStore funnel, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var report = await funnel.GetReportAsync(query, cancellationToken);
        Log.ReportRead(loggers.CreateLogger(typeof(FunnelEndpoints)), query.RoomId ?? "*", report.Viewers, watch.ElapsedMilliseconds);
        if (!FunnelCsv.IsWanted(context.Request)) return TypedResults.Ok(report);
        var name = query.RoomId is null ? "funnel.csv" : $"funnel-{query.RoomId}.csv";
        return TypedResults.File(FunnelCsv.Write(report), FunnelCsv.ContentType, name);
    }

    private static bool MayRead(HttpContext context) =>
        Caller.From(context.User) is { } caller && Roles.Marketing.Contains(Roles.Name(caller.Role), StringComparer.Ordinal);

    private static async Task<bool> RoomExistsAsync(IGrainFactory grains, string roomId) =>
        RoomIds.IsRoomId(roomId) && await grains.Room(roomId).GetDetailsAsync() is not null;

    private static partial class Log
    {
        [LoggerMessage(EventId = 9750, Level = LogLevel.Debug, Message = "Funnel of {RoomId} read in {ElapsedMs} ms ({Viewers} viewers)")]
        public static partial void ReportRead(ILogger logger, string roomId, long viewers, long elapsedMs);

        [LoggerMessage(EventId = 9751, Level = LogLevel.Debug, Message = "Timeline of room {RoomId} read in {ElapsedMs} ms ({Points} minutes)")]
        public static partial void TimelineRead(ILogger logger, string roomId, int points, long elapsedMs);
    }
}
