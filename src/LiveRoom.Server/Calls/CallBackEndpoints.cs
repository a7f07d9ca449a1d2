using System.Net.Mail;
using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Grains.Calls;
using LiveRoom.Server.Auth;
using LiveRoom.Server.Http;
using LiveRoom.Server.Security;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace LiveRoom.Server.Calls;

/// <summary>Call-backs: a viewer nobody could take aside leaves their details; agents work through the list.</summary>
public static partial class CallBackEndpoints
{
    private const int MaxNameLength = 100;
    private const int MaxPreferredTimeLength = 100;
    private const int MaxNoteLength = 2_000;
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public sealed record CallBackRequest(string? Name, string? Phone, string? Email, string? PreferredTime, string? Topic, bool Consent);

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
        IOptions<CallOptions> options, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        if (caller is null || caller.IsStaff || !caller.CanEnter(roomId)) return Problems.From(new Refusal(RefusalCode.NotAllowed, "Only a viewer of this room asks to be called back."));
        if (!RoomIds.IsRoomId(roomId) || await grains.Room(roomId).GetDetailsAsync() is null) return Problems.RoomNotFound();
        if (!request.Consent) return Problems.From(new Refusal(RefusalCode.Invalid, "Agree to be contacted first."));
        var name = TextRules.Check(request.Name, MaxNameLength, "name");
        if (!name.IsSuccess) return Problems.From(name.Refusal!);
        var phone = NormalisePhone(request.Phone, options.Value.DefaultPhoneRegion);
        if (!phone.IsSuccess) return Problems.From(phone.Refusal!);
        var email = NormaliseEmail(request.Email);
        if (!email.IsSuccess) return Problems.From(email.Refusal!);
        if (phone.Value is null && email.Value is null) return Problems.From(new Refusal(RefusalCode.Invalid, "Leave a phone number or an email address."));
        var preferred = Optional(request.PreferredTime, MaxPreferredTimeLength, "preferred time");
        if (!preferred.IsSuccess) return Problems.From(preferred.Refusal!);
        var topic = Optional(request.Topic, options.Value.MaxTopicLength, "topic");
        if (!topic.IsSuccess) return Problems.From(topic.Refusal!);

        var saved = await callBacks.SaveOpenAsync(
            new CallBack("cb_" + Guid.NewGuid().ToString("N")[..16], roomId, caller.Id, name.Value!, phone.Value, email.Value, preferred.Value, topic.Value,
                CallBackStatus.Open, time.GetUtcNow(), null, null, null),
            cancellationToken);
        Log.Requested(loggers.CreateLogger(typeof(CallBackEndpoints)), roomId, caller.Id, saved.Id);
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
        var note = Optional(request?.Note, MaxNoteLength, "note");
        if (!note.IsSuccess) return Problems.From(note.Refusal!);
        var done = await callBacks.MarkDoneAsync(id, caller.Id, note.Value, time.GetUtcNow(), cancellationToken);
        return done is null ? Problems.From(new Refusal(RefusalCode.NotFound, "There is no such call-back.")) : Results.Ok(done);
    }

    /// <summary>A phone number as dialled from anywhere (E.164), read with the default region when it has no country code.</summary>
    internal static Outcome<string?> NormalisePhone(string? phone, string defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(phone)) return Outcome<string?>.Ok(null);
        try
        {
            var number = Phones.Parse(phone.Trim(), defaultRegion);
            if (Phones.IsValidNumber(number)) return Outcome<string?>.Ok(Phones.Format(number, PhoneNumberFormat.E164));
        }
        catch (NumberParseException)
        {
        }

        return Outcome<string?>.Refused(RefusalCode.Invalid, "That is not a phone number we can call.");
    }

    private static Outcome<string?> NormaliseEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return Outcome<string?>.Ok(null);
        var text = email.Trim();
        return text.Length <= 254 && MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.', StringComparison.Ordinal)
            ? Outcome<string?>.Ok(text)
            : Outcome<string?>.Refused(RefusalCode.Invalid, "That is not an email address.");
    }

    private static Outcome<string?> Optional(string? text, int max, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) return Outcome<string?>.Ok(null);
        var checkedText = TextRules.Check(text, max, what);
        return checkedText.IsSuccess ? Outcome<string?>.Ok(checkedText.Value) : Outcome<string?>.From(checkedText.Refusal!);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9241, Level = LogLevel.Information, Message = "Room {RoomId}: {ViewerId} asks to be called back ({CallBackId})")]
        public static partial void Requested(ILogger logger, string roomId, string viewerId, string callBackId);
    }
}
