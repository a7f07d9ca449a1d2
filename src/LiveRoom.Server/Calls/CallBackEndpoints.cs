using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Grains.Calls;
using LiveRoom.Server.Auth;
using LiveRoom.Server.Contacts;
using LiveRoom.Server.Http;
using LiveRoom.Server.Security;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Calls;

/// <summary>Call-backs: a viewer nobody could take aside leaves their details; agents work through the list.</summary>
public static partial class CallBackEndpoints
{
    private const int MaxNameLength = 100;
    private const int MaxPreferredTimeLength = 100;
    private const int MaxNoteLength = 2_000;

    public sealed record CallBackRequest(string? Name, string? Phone, string? Email, string? PreferredTime, string? Topic, bool Consent, string? Locale = null);

    public sealed record DoneRequest(string? Note);

    public static IEndpointRouteBuilder MapCallBacksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/rooms/{roomId}/callbacks", CreateAsync).WithTags("Calls").RequireAuthorization().RequireRateLimiting(RateLimiting.ViewerIdentityPolicy);
        var staff = app.MapGroup("/api/callbacks").WithTags("Calls").RequireAuthorization(Roles.ModeratorPolicy);
        staff.MapGet("/", ListAsync);
        staff.MapPost("/{id}/done", DoneAsync);
        return app;
    }

    private static async Task<IResult> CreateAsync(
        string roomId, CallBackRequest request, HttpContext context, IGrainFactory grains, ICallBacks callBacks,
        IOptions<CallOptions> options, IOptions<ContactOptions> contacts, IEnumerable<ICallBackListener> listeners, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        if (caller is null || caller.IsStaff || !caller.CanEnter(roomId)) return Problems.From(new Refusal(RefusalCode.NotAllowed, "Only a viewer of this room asks to be called back."));
        if (!RoomIds.IsRoomId(roomId) || await grains.Room(roomId).GetDetailsAsync() is null) return Problems.RoomNotFound();
        if (!request.Consent) return Problems.From(new Refusal(RefusalCode.Invalid, "Agree to be contacted first."));
        var name = TextRules.Check(request.Name, MaxNameLength, "name");
        if (!name.IsSuccess) return Problems.From(name.Refusal!);
        var phone = ContactRules.NormalisePhone(request.Phone, contacts.Value.DefaultPhoneRegion);
        if (!phone.IsSuccess) return Problems.From(phone.Refusal!);
        var email = ContactRules.NormaliseEmail(request.Email);
        if (!email.IsSuccess) return Problems.From(email.Refusal!);
        if (phone.Value is null && email.Value is null) return Problems.From(new Refusal(RefusalCode.Invalid, "Leave a phone number or an email address."));
        var preferred = ContactRules.Optional(request.PreferredTime, MaxPreferredTimeLength, "preferred time");
        if (!preferred.IsSuccess) return Problems.From(preferred.Refusal!);
        var topic = ContactRules.Optional(request.Topic, options.Value.MaxTopicLength, "topic");
        if (!topic.IsSuccess) return Problems.From(topic.Refusal!);

        var saved = await callBacks.SaveOpenAsync(
            new CallBack("cb_" + Guid.NewGuid().ToString("N")[..16], roomId, caller.Id, name.Value!, phone.Value, email.Value, preferred.Value, topic.Value,
                CallBackStatus.Open, time.GetUtcNow(), null, null, null),
            cancellationToken);
        var logger = loggers.CreateLogger(typeof(CallBackEndpoints));
        Log.Requested(logger, roomId, caller.Id, saved.Id);
        var locale = LocalizedText.IsLocale(request.Locale) ? request.Locale! : "en";
        foreach (var listener in listeners)
        {
            // The call-back is stored and is what the viewer asked for: a listener's failure is logged, not theirs.
            try
            {
                await listener.SavedAsync(saved, locale, cancellationToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                Log.ListenerFailed(logger, failure, saved.Id, listener.GetType().Name);
            }
        }

        return Results.Created($"/api/callbacks/{saved.Id}", saved);
    }

    private static async Task<IResult> ListAsync(string? roomId, string? status, int? limit, ICallBacks callBacks, CancellationToken cancellationToken)
    {
        CallBackStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<CallBackStatus>(status, ignoreCase: true, out var parsed)) return Problems.From(new Refusal(RefusalCode.Invalid, "status is open or done."));
            wanted = parsed;
        }

        return Results.Ok(await callBacks.ListAsync(string.IsNullOrWhiteSpace(roomId) ? null : roomId, wanted, limit ?? 100, cancellationToken));
    }

    private static async Task<IResult> DoneAsync(string id, DoneRequest? request, HttpContext context, ICallBacks callBacks, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User)!;
        var note = ContactRules.Optional(request?.Note, MaxNoteLength, "note");
        if (!note.IsSuccess) return Problems.From(note.Refusal!);
        var done = await callBacks.MarkDoneAsync(id, caller.Id, note.Value, time.GetUtcNow(), cancellationToken);
        return done is null ? Problems.From(new Refusal(RefusalCode.NotFound, "There is no such call-back.")) : Results.Ok(done);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9241, Level = LogLevel.Information, Message = "Room {RoomId}: {ViewerId} asks to be called back ({CallBackId})")]
        public static partial void Requested(ILogger logger, string roomId, string viewerId, string callBackId);

        [LoggerMessage(EventId = 9242, Level = LogLevel.Error, Message = "Call-back {CallBackId}: {Listener} failed")]
        public static partial void ListenerFailed(ILogger logger, Exception failure, string callBackId, string listener);
    }
}
