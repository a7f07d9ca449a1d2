using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Media.Live;

namespace LiveRoom.Server.Live;

/// <summary>
/// Deletes the live files of rooms that are no longer on air: when a room's recording job is over, and at
/// start for what an earlier run left behind (a crash between a recording and its clean-up, or a version
/// that kept them). Live HLS files are never a recording's source, so nothing is lost with them.
/// </summary>
public sealed partial class LiveFileCleanup(LivePaths paths, OnAirRooms onAir, IGrainFactory grains, ILogger<LiveFileCleanup> logger)
{
    /// <summary>The room's live files; with <paramref name="archiveToo"/> (its recording is stored) its source archive as well.</summary>
    public void Delete(string roomId, bool archiveToo)
    {
        onAir.Forget(roomId);
        Delete(roomId, paths.LiveDirectory(roomId));
        if (archiveToo) Delete(roomId, paths.ArchiveDirectory(roomId));
    }

    /// <summary>Deletes the live folders of rooms that have ended (or do not exist). Run at start.</summary>
    public async Task DeleteLeftoversAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(paths.LiveRoot)) return;
        foreach (var folder in Directory.GetDirectories(paths.LiveRoot))
        {
            var roomId = Path.GetFileName(folder);
            if (!RoomIds.IsRoomId(roomId)) continue;
            var room = await grains.Room(roomId).GetDetailsAsync().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            // Only ended rooms: any other may go live at any moment now that the ingest listens.
            if (room is null || room.Info.Status == RoomStatus.Ended) Delete(roomId, archiveToo: false);
        }
    }

    private void Delete(string roomId, string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not worth failing anything for: the files are no longer served either way.
            Log.CouldNotDelete(logger, ex, roomId, directory);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8703, Level = LogLevel.Warning, Message = "Room {RoomId}: could not delete {Directory}")]
        public static partial void CouldNotDelete(ILogger logger, Exception exception, string roomId, string directory);
    }
}
