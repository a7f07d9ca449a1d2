using LiveRoom.Contracts.Model;

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
}
