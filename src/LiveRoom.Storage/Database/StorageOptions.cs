using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Storage.Database;

/// <summary>Where LiveRoom keeps what users create.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "LiveRoom:Storage";

    /// <summary>The SQLite database file; relative paths are under the data directory.</summary>
    [Required]
    public string SqliteFile { get; set; } = "liveroom.db";

    /// <summary>Seconds a writer waits for the database lock before failing.</summary>
    [Range(1, 300)]
    public int BusyTimeoutSeconds { get; set; } = 30;
}
