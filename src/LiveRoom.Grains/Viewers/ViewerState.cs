using LiveRoom.Contracts.Viewers;

namespace LiveRoom.Grains.Viewers;

/// <summary>One person's persisted state in one room.</summary>
public sealed class ViewerState
{
    public bool Exists { get; set; }

    public string DisplayName { get; set; } = string.Empty;

    public ParticipantRole Role { get; set; }

    public bool Muted { get; set; }

    public bool Banned { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>The client network (IPv4 address or IPv6 /64) an anonymous identity was issued to. Never shown to anyone.</summary>
    public string? IssuedFrom { get; set; }

    /// <summary>The client networks the identity last joined from (a few, newest last). Never shown to anyone.</summary>
    public List<string> JoinedFrom { get; set; } = [];
}
