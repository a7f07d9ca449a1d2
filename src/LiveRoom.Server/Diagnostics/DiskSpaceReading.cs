namespace LiveRoom.Server.Diagnostics;

/// <summary>The data directory's free space, the configured minimum, and whether it is below it.</summary>
public sealed record DiskSpaceReading(long FreeMegabytes, int MinimumMegabytes, bool Low);
