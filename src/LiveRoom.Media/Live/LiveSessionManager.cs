using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using LiveRoom.Media.Transcoding;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRoom.Media.Live;

/// <summary>
/// The node-local owner of live sessions and their ffmpeg processes, keyed by room. Grains never start
/// processes; they decide, and this service does. Stopping the server stops every session.
/// </summary>
public sealed class LiveSessionManager(LivePaths paths, IOptions<TranscodeOptions> options, ILiveSessionListener listener, TimeProvider clock, ILoggerFactory loggers) : IHostedService
{
    private readonly ConcurrentDictionary<string, LiveSession> _sessions = new(StringComparer.Ordinal);

    public ICollection<LiveSession> Active => _sessions.Values;

    public LiveSession Open(string roomId, string sessionId, bool resumed)
    {
        var session = new LiveSession(roomId, sessionId, resumed, paths, options.Value, new Forget(this, listener), clock, loggers.CreateLogger<LiveSession>());
        if (_sessions.TryGetValue(roomId, out var stale)) stale.Stop();
        _sessions[roomId] = session;
        return session;
    }

    public bool TryGet(string roomId, [NotNullWhen(true)] out LiveSession? session) => _sessions.TryGetValue(roomId, out session);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var session in _sessions.Values)
        {
            session.Stop();
            await session.EndAsync(graceful: false, "the server is stopping");
        }
    }

    /// <summary>Drops a session from the registry when it ends, then tells the listener.</summary>
    private sealed class Forget(LiveSessionManager manager, ILiveSessionListener inner) : ILiveSessionListener
    {
        public ValueTask SessionEndedAsync(string roomId, string sessionId, bool graceful, string reason)
        {
            if (manager._sessions.TryGetValue(roomId, out var current) && current.SessionId == sessionId)
            {
                manager._sessions.TryRemove(new KeyValuePair<string, LiveSession>(roomId, current));
            }

            return inner.SessionEndedAsync(roomId, sessionId, graceful, reason);
        }
    }
}
