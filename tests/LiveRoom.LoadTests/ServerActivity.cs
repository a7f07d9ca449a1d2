
namespace LiveRoom.LoadTests;

/// <summary>The server's own counters over the measured window, when its <c>/metrics</c> has them.</summary>
/// <param name="FramesPerSecond">Room frames the node forwarded to its connections (<c>liveroom_room_frames_total</c>).</param>
/// <param name="ChatMessagesPerSecond">Chat messages the node accepted (<c>liveroom_chat_messages_total</c>).</param>
/// <param name="Refusals">Hub calls refused in the window (<c>liveroom_hub_refusals_total</c>).</param>
public sealed record ServerActivity(double? FramesPerSecond, double? ChatMessagesPerSecond, double? Refusals)
{
    /// <summary>Chat messages per frame: how much the room's coalescing batched.</summary>
    public double? MessagesPerFrame =>
        FramesPerSecond is > 0 && ChatMessagesPerSecond is { } chat ? Math.Round(chat / FramesPerSecond.Value, 2) : null;
}
