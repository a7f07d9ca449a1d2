namespace LiveRoom.Contracts.Viewers;

/// <summary>Who someone is in a room. On the wire: lowercase strings ("viewer", "host", ...).</summary>
[GenerateSerializer, Alias("LiveRoom.ParticipantRole")]
public enum ParticipantRole
{
    Viewer = 0,
    Host = 1,
    Agent = 2,
    Admin = 3,
    Marketer = 4,
}
