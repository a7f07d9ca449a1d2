using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Viewers;

namespace LiveRoom.Contracts.Rooms;

/// <summary>A room's life: created, described, ended; the snapshot a joining person gets. A role of the room grain (key: room id).</summary>
[Alias("LiveRoom.IRoomLifecycle")]
public interface IRoomLifecycle : IGrainWithStringKey
{
    [Alias("Create")]
    Task<Outcome<RoomDetails>> CreateAsync(CreateRoomCommand command);

    /// <summary>The room's staff view, or null when no room has this id.</summary>
    [Alias("GetDetails")]
    Task<RoomDetails?> GetDetailsAsync();

    [Alias("End")]
    Task<Outcome<RoomDetails>> EndAsync();

    [Alias("GetSnapshot")]
    Task<Outcome<RoomSnapshot>> GetSnapshotAsync(Participant? me);
}
