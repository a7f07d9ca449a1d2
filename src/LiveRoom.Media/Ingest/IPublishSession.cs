using LiveRoom.Media.Flv;

namespace LiveRoom.Media.Ingest;

/// <summary>An admitted publisher's stream: the ingest hands it every tag, then tells it how the stream ended.</summary>
public interface IPublishSession
{
    string RoomId { get; }

    /// <summary>Cancelled when the server wants the publisher gone (the room ended); the ingest then closes the connection.</summary>
    CancellationToken Stopping => CancellationToken.None;

    /// <summary>Why the server wants the publisher gone, once <see cref="Stopping"/> is cancelled.</summary>
    string StopReason => "the room ended";

    ValueTask WriteAsync(FlvTag tag, CancellationToken cancellationToken);

    /// <summary>The publisher is gone: <paramref name="graceful"/> when it said so (deleteStream, FCUnpublish), false when the connection dropped or broke.</summary>
    ValueTask EndAsync(bool graceful, string reason);
}
