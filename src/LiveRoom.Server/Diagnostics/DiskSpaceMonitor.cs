using LiveRoom.Server.Startup;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Diagnostics;

/// <summary>
/// Watches the free space of the file system holding the data directory: a warning in the log when it drops
/// below <see cref="StorageOptions.MinFreeDiskMegabytes"/> (again every ten minutes while it stays low, and a
/// line when it recovers), and the reading <c>/readyz</c> fails on.
/// </summary>
public sealed partial class DiskSpaceMonitor(DataDirectory data, IOptions<StorageOptions> options, TimeProvider time, ILogger<DiskSpaceMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan Reminder = TimeSpan.FromMinutes(10);

    private bool _low;
    private long _lastWarning;

    /// <summary>Free space now, and whether it is below the minimum.</summary>
    public DiskSpaceReading Read()
    {
        var minimum = options.Value.MinFreeDiskMegabytes;
        // On Linux, DriveInfo reads statvfs of the path given: the file system the data directory is on.
        var free = new DriveInfo(data.Path).AvailableFreeSpace / (1024 * 1024);
        return new DiskSpaceReading(free, minimum, minimum > 0 && free < minimum);
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Said at start, before anything is written.
        Check();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.DiskCheckSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) Check();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Check()
    {
        DiskSpaceReading reading;
        try
        {
            reading = Read();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            Log.CouldNotRead(logger, ex, data.Path);
            return;
        }

        if (!reading.Low)
        {
            if (_low) Log.Recovered(logger, data.Path, reading.FreeMegabytes);
            _low = false;
            return;
        }

        if (!_low || time.GetElapsedTime(_lastWarning) >= Reminder)
        {
            _low = true;
            _lastWarning = time.GetTimestamp();
            Log.Low(logger, data.Path, reading.FreeMegabytes, reading.MinimumMegabytes);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8711, Level = LogLevel.Warning, Message = "Data directory {Path} is low on space: {FreeMegabytes} MB free, below the minimum of {MinimumMegabytes} MB; live video, recordings and the database fail when it is full")]
        public static partial void Low(ILogger logger, string path, long freeMegabytes, int minimumMegabytes);

        [LoggerMessage(EventId = 8712, Level = LogLevel.Information, Message = "Data directory {Path} has space again: {FreeMegabytes} MB free")]
        public static partial void Recovered(ILogger logger, string path, long freeMegabytes);

        [LoggerMessage(EventId = 8713, Level = LogLevel.Warning, Message = "Could not read the free space of {Path}")]
        public static partial void CouldNotRead(ILogger logger, Exception exception, string path);
    }
}
