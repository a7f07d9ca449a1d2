using System.Security.Cryptography;
using LiveRoom.Contracts.Channels;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Engagement;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Server.Auth;
using LiveRoom.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using QRCoder;

namespace LiveRoom.Server.Channels;

/// <summary>
/// The room's private channel: staff set where it goes; each viewer gets their own short counting link
/// (<c>/go/{code}</c>) as a link and as a QR code (SVG, or PNG to save), so a scan or a click is counted for that
/// viewer before the redirect. The redirect only ever goes to the room's configured address.
/// </summary>
public static partial class ChannelEndpoints
{
    private const int MaxUrlLength = 2_000;
    private const int MaxLabelLength = 100;
    private const string CodeAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private const int CodeLength = 12;

    public static readonly LocalizedText DefaultLabel = new("Keep in touch with us", "关注我们，随时联系");

    public static IEndpointRouteBuilder MapChannelsApi(this IEndpointRouteBuilder app)
    {
        var room = app.MapGroup("/api/rooms/{roomId}/channel").WithTags("Channels")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        room.MapGet("/", GetAsync).RequireAuthorization();
        room.MapPut("/", SaveAsync).RequireAuthorization(Roles.MarketingPolicy);
        room.MapGet("/settings", SettingsAsync).RequireAuthorization(Roles.MarketingPolicy);
        room.MapGet("/qr.svg", (string roomId, HttpContext context, IGrainFactory grains, IPrivateChannels channels, PublicUrls urls, CancellationToken ct) => QrAsync(roomId, svg: true, context, grains, channels, urls, ct))
            .RequireAuthorization().Produces<string>(StatusCodes.Status200OK, "image/svg+xml");
        room.MapGet("/qr.png", (string roomId, HttpContext context, IGrainFactory grains, IPrivateChannels channels, PublicUrls urls, CancellationToken ct) => QrAsync(roomId, svg: false, context, grains, channels, urls, ct))
            .RequireAuthorization().Produces<byte[]>(StatusCodes.Status200OK, "image/png");
        app.MapGet("/go/{code}", GoAsync).WithTags("Channels").ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Ok<ChannelView>, ProblemHttpResult>> GetAsync(
        string roomId, HttpContext context, IGrainFactory grains, IPrivateChannels channels, PublicUrls urls, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        if (caller is null || !caller.CanEnter(roomId)) return Problems.Typed(new Refusal(RefusalCode.NotAllowed, "Join the room first."));
        if (!await RoomExistsAsync(grains, roomId)) return Problems.Typed(Refusals.RoomNotFound);
        var channel = await channels.GetAsync(roomId, cancellationToken);
        if (channel is not { Enabled: true }) return TypedResults.Ok(new ChannelView(false, channel?.Kind ?? ChannelKind.Link, channel?.Label ?? DefaultLabel, null));
        var link = await channels.LinkAsync(roomId, caller.Id, ChannelSource.Link, NewCode(), cancellationToken);
        return TypedResults.Ok(new ChannelView(true, channel.Kind, channel.Label, GoUrl(urls, context.Request, link.Code)));
    }

    private static async Task<Results<Ok<PrivateChannel>, NoContent, ProblemHttpResult>> SettingsAsync(
        string roomId, IGrainFactory grains, IPrivateChannels channels, CancellationToken cancellationToken)
    {
        if (!await RoomExistsAsync(grains, roomId)) return Problems.Typed(Refusals.RoomNotFound);
        return await channels.GetAsync(roomId, cancellationToken) is { } channel ? TypedResults.Ok(channel) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<PrivateChannel>, ProblemHttpResult>> SaveAsync(
        string roomId, ChannelRequest request, IGrainFactory grains, IPrivateChannels channels, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await RoomExistsAsync(grains, roomId)) return Problems.Typed(Refusals.RoomNotFound);
        if (!Enum.IsDefined(request.Kind)) return Problems.Typed(new Refusal(RefusalCode.Invalid, "Choose what kind of channel it is."));
        var url = CheckUrl(request.Url);
        if (!url.IsSuccess) return Problems.Typed(url.Refusal!);
        var label = request.Label is { IsEmpty: false } given ? given : DefaultLabel;
        var en = TextRules.Check(string.IsNullOrWhiteSpace(label.En) ? DefaultLabel.En : label.En, MaxLabelLength, "label");
        if (!en.IsSuccess) return Problems.Typed(en.Refusal!);
        var zh = TextRules.Check(string.IsNullOrWhiteSpace(label.Zh) ? DefaultLabel.Zh : label.Zh, MaxLabelLength, "label");
        if (!zh.IsSuccess) return Problems.Typed(zh.Refusal!);
        var channel = new PrivateChannel(roomId, request.Enabled, request.Kind, url.Value!, new LocalizedText(en.Value!, zh.Value!), time.GetUtcNow());
        await channels.SaveAsync(channel, cancellationToken);
        return TypedResults.Ok(channel);
    }

    private static async Task<IResult> QrAsync(string roomId, bool svg, HttpContext context, IGrainFactory grains, IPrivateChannels channels, PublicUrls urls, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        if (caller is null || !caller.CanEnter(roomId)) return Problems.From(new Refusal(RefusalCode.NotAllowed, "Join the room first."));
        if (!await RoomExistsAsync(grains, roomId)) return Problems.RoomNotFound();
        if (await channels.GetAsync(roomId, cancellationToken) is not { Enabled: true }) return Problems.From(new Refusal(RefusalCode.NotFound, "This room has no private channel."));
        var link = await channels.LinkAsync(roomId, caller.Id, ChannelSource.Qr, NewCode(), cancellationToken);
        using var data = QRCodeGenerator.GenerateQrCode(GoUrl(urls, context.Request, link.Code), QRCodeGenerator.ECCLevel.M);
        // The code is the viewer's own: no shared cache may keep it.
        context.Response.Headers.CacheControl = "private, no-store";
        return svg
            ? TypedResults.Text(new SvgQRCode(data).GetGraphic(8), "image/svg+xml")
            : TypedResults.File(new PngByteQRCode(data).GetGraphic(12), "image/png", $"channel-{roomId}.png");
    }

    /// <summary>Counts the visit for the link's viewer and sends them to the room's channel — never anywhere else.</summary>
    private static async Task<IResult> GoAsync(string code, IPrivateChannels channels, IGrainFactory grains, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (code.Length != CodeLength || code.Any(c => !CodeAlphabet.Contains(c, StringComparison.Ordinal))) return GoneHere();
        if (await channels.FindLinkAsync(code, cancellationToken) is not { } link) return GoneHere();
        if (await channels.GetAsync(link.RoomId, cancellationToken) is not { Enabled: true } channel) return GoneHere();
        await grains.Viewer(link.RoomId, link.ViewerId).RecordAsync(EngagementKind.ChannelVisit, link.Source == ChannelSource.Qr ? "qr" : "link");
        Log.Visited(loggers.CreateLogger(typeof(ChannelEndpoints)), link.RoomId, link.ViewerId, link.Source);
        return Results.Redirect(channel.Url, permanent: false);
    }

    private static IResult GoneHere() =>
        Results.Text("This link is no longer available. 此链接已失效。", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    internal static Outcome<string> CheckUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return Outcome<string>.Refused(RefusalCode.Invalid, "Give the channel's web address.");
        var text = url.Trim();
        if (text.Length > MaxUrlLength) return Outcome<string>.Refused(RefusalCode.TooLong, $"The address is longer than {MaxUrlLength} characters.");
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && !string.IsNullOrEmpty(uri.Host) && string.IsNullOrEmpty(uri.UserInfo)
            ? Outcome<string>.Ok(uri.AbsoluteUri)
            : Outcome<string>.Refused(RefusalCode.Invalid, "The channel's address must be an http or https web address.");
    }

    private static string GoUrl(PublicUrls urls, HttpRequest request, string code) => $"{urls.BaseUrl(request)}/go/{code}";

    private static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);

    private static async Task<bool> RoomExistsAsync(IGrainFactory grains, string roomId) =>
        RoomIds.IsRoomId(roomId) && await grains.Room(roomId).GetDetailsAsync() is not null;

    private static partial class Log
    {
        [LoggerMessage(EventId = 9801, Level = LogLevel.Information, Message = "Room {RoomId}: {ViewerId} went to the private channel ({Source})")]
        public static partial void Visited(ILogger logger, string roomId, string viewerId, ChannelSource source);
    }
}
