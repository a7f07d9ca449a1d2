using LiveRoom.Media.Rtmp;

namespace LiveRoom.Media.Flv;

/// <summary>
/// The relay's clock cue: a script-data tag <c>onLiveRoomClock {timestamp, serverTime}</c> written just before each
/// keyframe, saying when (the server's wall clock, epoch milliseconds) the frame with that stream timestamp
/// reached the server. A player maps the frame on screen to the moment it arrived — the moment the host's
/// product cards are stamped with — without trusting its own clock. Players that do not know it ignore it.
/// </summary>
public static class FlvClockTag
{
    public const string Name = "onLiveRoomClock";

    public static FlvTag Create(uint timestamp, DateTimeOffset arrivedAt)
    {
        var data = new List<byte>(64);
        Amf0.Write(data, Name);
        Amf0.Write(data, new Dictionary<string, object?>
        {
            ["timestamp"] = (double)timestamp,
            ["serverTime"] = (double)arrivedAt.ToUnixTimeMilliseconds(),
        });
        return new FlvTag(FlvTag.Script, timestamp, data.ToArray());
    }
}
