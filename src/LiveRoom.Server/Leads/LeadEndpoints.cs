using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Funnel;
using LiveRoom.Contracts.Leads;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Server.Auth;
using LiveRoom.Server.Contacts;
using LiveRoom.Server.Http;
using LiveRoom.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Leads;

/// <summary>
/// Lead capture: a viewer leaves their details once per room (sending again updates them) with the consent
/// text they read stored beside them; staff who work with the audience set the form, list the leads (JSON or
/// CSV) and mark them contacted.
/// </summary>
public static partial class LeadEndpoints
{
    internal const int MaxNameLength = 100;
    internal const int MaxCompanyLength = 200;
    internal const int MaxNoteLength = 2_000;
    internal const int MaxConsentTextLength = 2_000;

    /// <summary>The most leads one list holds (the store's own cap).</summary>
    internal const int MaxListed = 100_000;

    public static IEndpointRouteBuilder MapLeadsApi(this IEndpointRouteBuilder app)
    {
        var room = app.MapGroup("/api/rooms/{roomId}/leads").WithTags("Leads")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        room.MapGet("/form", GetFormAsync).RequireAuthorization();
        room.MapPost("/", SubmitAsync).RequireAuthorization().RequireRateLimiting(RateLimiting.ViewerIdentityPolicy)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        room.MapPut("/form", SaveFormAsync).RequireAuthorization(Roles.MarketingPolicy);
        room.MapGet("/", ListAsync).RequireAuthorization(Roles.MarketingPolicy)
            .Produces<IReadOnlyList<Lead>>(StatusCodes.Status200OK, "application/json", LeadCsv.ContentType);
        room.MapPost("/{leadId}/contacted", SetContactedAsync).RequireAuthorization(Roles.MarketingPolicy);
        return app;
    }

    private static async Task<Results<Ok<LeadFormView>, ProblemHttpResult>> GetFormAsync(
        string roomId, HttpContext context, IGrainFactory grains, ILeads leads, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        if (caller is null || !caller.CanEnter(roomId)) return Problems.Typed(new Refusal(RefusalCode.NotAllowed, "Join the room first."));
        if (!await RoomExistsAsync(grains, roomId)) return Problems.Typed(Refusals.RoomNotFound);
        var form = await leads.GetFormAsync(roomId, cancellationToken) ?? LeadForm.Default(roomId);
        var mine = caller.IsStaff ? null : await leads.GetAsync(roomId, caller.Id, cancellationToken);
        return TypedResults.Ok(new LeadFormView(form, mine));
    }

    private static async Task<Results<Created<Lead>, Ok<Lead>, ProblemHttpResult>> SubmitAsync(
        string roomId, LeadRequest request, HttpContext context, IGrainFactory grains, ILeads leads, LeadEvents events,
        IOptions<ContactOptions> contacts, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        if (caller is null || caller.IsStaff || !caller.CanEnter(roomId)) return Problems.Typed(new Refusal(RefusalCode.NotAllowed, "Only a viewer of this room leaves their details here."));
        if (!await RoomExistsAsync(grains, roomId)) return Problems.Typed(Refusals.RoomNotFound);
        var form = await leads.GetFormAsync(roomId, cancellationToken) ?? LeadForm.Default(roomId);
        if (!form.Enabled) return Problems.Typed(new Refusal(RefusalCode.NotAllowed, "This room does not collect details."));

        var lead = LeadSubmission.Read(request, form, caller.Id, contacts.Value.DefaultPhoneRegion, time.GetUtcNow());
        if (!lead.IsSuccess) return Problems.Typed(lead.Refusal!);

        var saved = await leads.UpsertAsync(lead.Value!, cancellationToken);
        Log.Saved(loggers.CreateLogger(typeof(LeadEndpoints)), roomId, caller.Id, saved.Lead.Id, saved.Created, ContactRules.MaskPhone(saved.Lead.Phone));
        await events.SavedAsync(saved, cancellationToken);
        return saved.Created ? TypedResults.Created($"/api/rooms/{roomId}/leads/{saved.Lead.Id}", saved.Lead) : TypedResults.Ok(saved.Lead);
    }

    private static async Task<Results<Ok<LeadForm>, ProblemHttpResult>> SaveFormAsync(
        string roomId, LeadFormRequest request, IGrainFactory grains, ILeads leads, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await RoomExistsAsync(grains, roomId)) return Problems.Typed(Refusals.RoomNotFound);
        var current = await leads.GetFormAsync(roomId, cancellationToken) ?? LeadForm.Default(roomId);
        var form = LeadFormRules.Apply(current, request, time.GetUtcNow());
        if (!form.IsSuccess) return Problems.Typed(form.Refusal!);
        await leads.SaveFormAsync(form.Value!, cancellationToken);
        return TypedResults.Ok(form.Value!);
    }

    /// <summary>
    /// The room's leads, the most engaged first (their score, docs/FUNNEL.md), then the most recently updated. Every
    /// lead is scored before the list is cut to <paramref name="limit"/>, so the cut keeps the best.
    /// </summary>
    private static async Task<IResult> ListAsync(
        string roomId, int? limit, HttpContext context, IGrainFactory grains, ILeads leads, IFunnelStore funnel,
        IOptions<EngagementWeights> weights, CancellationToken cancellationToken)
    {
        if (!await RoomExistsAsync(grains, roomId)) return Problems.RoomNotFound();
        var all = await leads.ListAsync(roomId, MaxListed, cancellationToken);
        var engagement = await funnel.GetLeadEngagementAsync(roomId, cancellationToken);
        var list = all
            .Select(lead => lead with { Score = engagement.TryGetValue(lead.ViewerId, out var e) ? weights.Value.ScoreOf(e) : 0 })
            .OrderByDescending(lead => lead.Score)
            .ThenByDescending(lead => lead.UpdatedAt)
            .Take(Math.Clamp(limit ?? 10_000, 1, MaxListed))
            .ToList();
        if (!LeadCsv.IsWanted(context.Request)) return TypedResults.Ok(list);
        return TypedResults.File(LeadCsv.Write(list), LeadCsv.ContentType, $"leads-{roomId}.csv");
    }

    private static async Task<Results<Ok<Lead>, ProblemHttpResult>> SetContactedAsync(
        string roomId, string leadId, ContactedRequest request, HttpContext context, ILeads leads, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User)!;
        var lead = await leads.SetContactedAsync(leadId, request.Contacted ? caller.Id : null, request.Contacted ? time.GetUtcNow() : null, cancellationToken);
        return lead is null || lead.RoomId != roomId ? Problems.Typed(new Refusal(RefusalCode.NotFound, "There is no such lead in this room.")) : TypedResults.Ok(lead);
    }

    private static async Task<bool> RoomExistsAsync(IGrainFactory grains, string roomId) =>
        RoomIds.IsRoomId(roomId) && await grains.Room(roomId).GetDetailsAsync() is not null;

    private static partial class Log
    {
        [LoggerMessage(EventId = 9601, Level = LogLevel.Information, Message = "Room {RoomId}: {ViewerId} left details ({LeadId}, new = {Created}, phone {MaskedPhone})")]
        public static partial void Saved(ILogger logger, string roomId, string viewerId, string leadId, bool created, string maskedPhone);
    }
}
