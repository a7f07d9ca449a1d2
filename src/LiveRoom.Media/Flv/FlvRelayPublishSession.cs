using LiveRoom.Media.Ingest;

namespace LiveRoom.Media.Flv;

/// <summary>A publisher's session that also feeds the room's FLV relay (see <see cref="FlvRelayRegistry.Attach"/>).</summary>
internal sealed class FlvRelayPublishSession(IPublishSession inner, FlvRelay relay, FlvRelayRegistry registry) : IPublishSession
{
    public string RoomId => inner.RoomId;

    public CancellationToken Stopping => inner.Stopping;

    public string StopReason => inner.StopReason;

    public ValueTask WriteAsync(FlvTag tag, CancellationToken cancellationToken)
    {
        relay.Publish(tag);
        return inner.WriteAsync(tag, cancellationToken);
    }

    public ValueTask EndAsync(bool graceful, string reason)
    {
        registry.Remove(relay);
        return inner.EndAsync(graceful, reason);
    }
}
