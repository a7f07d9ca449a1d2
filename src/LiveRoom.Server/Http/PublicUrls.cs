using LiveRoom.Media.Rtmp;
using LiveRoom.Server.Startup;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Http;

/// <summary>The links LiveRoom hands out: viewer pages and the RTMP ingest.</summary>
public sealed class PublicUrls(IOptions<LiveRoomOptions> options, IOptions<RtmpServerOptions> ingest, RtmpServer rtmp)
{
    public string BaseUrl(HttpRequest request) =>
        (options.Value.PublicBaseUrl is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host.Value}").TrimEnd('/');

    public string ViewerUrl(HttpRequest request, string roomId) => $"{BaseUrl(request)}/r/{roomId}";

    /// <summary>The port the ingest listens on (the configured one until it has started).</summary>
    public int RtmpPort => rtmp.ListeningAsync.IsCompletedSuccessfully ? rtmp.ListeningAsync.Result.Port : ingest.Value.RtmpPort;

    public string RtmpUrl(HttpRequest request)
    {
        if (ingest.Value.PublicRtmpUrl is { Length: > 0 } configured) return configured.TrimEnd('/');
        var host = new Uri(BaseUrl(request)).Host;
        if (host.Contains(':', StringComparison.Ordinal)) host = $"[{host}]";
        return $"rtmp://{host}:{RtmpPort}/live";
    }
}
