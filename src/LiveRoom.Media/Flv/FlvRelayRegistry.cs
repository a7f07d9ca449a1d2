using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using LiveRoom.Media.Ingest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRoom.Media.Flv;

/// <summary>
/// The live rooms' FLV relays on this node (room id → relay), for the ingest to publish to and the
/// <c>/live/{roomId}.flv</c> handler to subscribe to. A relay lives from the start of a publish
/// (<see cref="Start"/>) to its end (<see cref="Remove"/>); the next publish of the room gets a new one,
/// whose timestamps start over, so viewers of the old one see its end and reconnect.
/// </summary>
public sealed partial class FlvRelayRegistry(IOptions<FlvRelayOptions> options, ILoggerFactory loggerFactory, TimeProvider? time = null)
{
    private readonly ConcurrentDictionary<string, FlvRelay> _relays = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggerFactory.CreateLogger<FlvRelayRegistry>();

    /// <summary>Rooms with a relay now.</summary>
    public int Count => _relays.Count;

    /// <summary>
    /// A publish of the room starts: a new relay for it, registered in place of any earlier one, which is
    /// completed (its viewers see the end and reconnect to this one). A relay is never shared by two
    /// publishes: an earlier publisher whose connection is not yet known to be dead must neither mix its
    /// tags into the new stream nor end it when it finally goes.
    /// </summary>
    public FlvRelay Start(string roomId)
    {
        ArgumentException.ThrowIfNullOrEmpty(roomId);
        var relay = new FlvRelay(roomId, options.Value, loggerFactory.CreateLogger<FlvRelay>(), time);
        FlvRelay? replaced = null;
        _relays.AddOrUpdate(roomId, relay, (_, existing) =>
        {
            replaced = existing;
            return relay;
        });
        replaced?.Complete();
        Log.Started(_logger, roomId, replaced is not null);
        return relay;
    }

    /// <summary>The room's relay while it is live on this node.</summary>
    public bool TryGet(string roomId, [NotNullWhen(true)] out FlvRelay? relay)
    {
        if (_relays.TryGetValue(roomId, out relay) && !relay.IsCompleted) return true;
        relay = null;
        return false;
    }

    /// <summary>
    /// The publish has ended: completes the relay (its viewers see the end) and forgets it, unless the
    /// room already has a newer relay, which is left alone.
    /// </summary>
    public void Remove(FlvRelay relay)
    {
        ArgumentNullException.ThrowIfNull(relay);
        relay.Complete();
        _relays.TryRemove(KeyValuePair.Create(relay.RoomId, relay));
    }

    /// <summary>
    /// Wraps an admitted publisher's session so that every tag also goes to the room's relay (first, so
    /// viewers never wait for the transcoder) and the relay is removed when the publish ends.
    /// </summary>
    public IPublishSession Attach(IPublishSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new FlvRelayPublishSession(session, Start(session.RoomId), this);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7206, Level = LogLevel.Information, Message = "FLV relay for room {RoomId} started (replacing an earlier one: {Replaced})")]
        public static partial void Started(ILogger logger, string roomId, bool replaced);
    }
}
