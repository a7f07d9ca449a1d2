using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Rooms;

/// <summary>Where a viewer plays the room's stream: HLS (adaptive) and HTTP-FLV (low latency).</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.Playback")]
[DataContract]
public sealed record Playback(
    [property: Id(0), DataMember(Name = "hls")] string Hls,
    [property: Id(1), DataMember(Name = "flv")] string Flv)
{
    public static Playback ForRoom(string roomId) => new($"/live/{roomId}/master.m3u8", $"/live/{roomId}.flv");
}
