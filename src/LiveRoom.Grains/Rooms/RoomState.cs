using LiveRoom.Contracts.Products;
using LiveRoom.Contracts.Recordings;
using LiveRoom.Contracts.Rooms;

namespace LiveRoom.Grains.Rooms;

/// <summary>A room's persisted state (grain storage). Chat and questions are records, not state.</summary>
public sealed class RoomState
{
    public bool Exists { get; set; }

    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public RoomStatus Status { get; set; }

    public string StreamKey { get; set; } = string.Empty;

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ScheduledStart { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The ingest session publishing now (or last, while interrupted).</summary>
    public string? PublishingSession { get; set; }

    /// <summary>
    /// The silo (address and generation, so a restarted process is another node) whose ingest holds
    /// <see cref="PublishingSession"/>; null in state written before it was recorded.
    /// </summary>
    public string? IngestNode { get; set; }

    public DateTimeOffset? LiveSince { get; set; }

    public DateTimeOffset? InterruptedAt { get; set; }

    public RecordingInfo? Recording { get; set; }

    /// <summary>Client networks (IPv4 addresses, IPv6 /64s) banned in this room by a moderator. Never sent to anyone.</summary>
    public HashSet<string> BannedAddresses { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long a new viewer identity waits before its first message; 0: no wait.</summary>
    public int NewViewerDelaySeconds { get; set; }

    /// <summary>The product cards shown in the room, oldest first (the last is the pinned product).</summary>
    public List<ProductCard> Shelf { get; set; } = [];
}
