using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Moderation;
using LiveRoom.Contracts.Viewers;
using Microsoft.Extensions.Logging;

namespace LiveRoom.Grains.Rooms;

/// <summary>
/// The room's moderation of viewers: banned client networks (so a banned viewer cannot come back under a
/// new anonymous identity from the same place) and the "new here" wait before a new identity's first message.
/// </summary>
public sealed partial class RoomGrain
{
    /// <summary>More bans than this in one room is not moderation any more; the room refuses the next one.</summary>
    private const int MaxBannedAddresses = 100_000;

    /// <summary>The longest "new here" wait a room may set: one day.</summary>
    private const int MaxNewViewerDelaySeconds = 86_400;

    public Task<bool> IsAddressBannedAsync(string[] addresses) => Task.FromResult(IsBanned(addresses));

    public async Task<Outcome<ModerationSettings>> SetAddressesBannedAsync(string[] addresses, bool banned)
    {
        if (!_state.State.Exists) return Outcome<ModerationSettings>.From(Refusals.RoomNotFound);
        var bans = _state.State.BannedAddresses;
        var changed = false;
        foreach (var address in addresses.Where(a => !string.IsNullOrEmpty(a)).Distinct(StringComparer.Ordinal))
        {
            if (banned && bans.Count >= MaxBannedAddresses)
            {
                return Outcome<ModerationSettings>.Refused(RefusalCode.Invalid, $"This room has {MaxBannedAddresses} banned addresses already.");
            }

            changed |= banned ? bans.Add(address) : bans.Remove(address);
        }

        if (changed)
        {
            await _state.WriteStateAsync();
            Log.AddressBansChanged(_logger, RoomId, addresses.Length, banned, bans.Count);
        }

        return Outcome<ModerationSettings>.Ok(Moderation());
    }

    public Task<Refusal?> CheckViewerAsync(ViewerGate gate, bool speaking) => Task.FromResult(Check(gate, speaking));

    public async Task<Outcome<ChatMessage>> PostViewerChatAsync(Sender sender, string text, ViewerGate gate)
    {
        if (Check(gate, speaking: true) is { } refusal) return Outcome<ChatMessage>.From(refusal);
        return await PostChatAsync(sender, text);
    }

    public Task<ModerationSettings?> GetModerationAsync() => Task.FromResult(_state.State.Exists ? Moderation() : null);

    public async Task<Outcome<ModerationSettings>> SetNewViewerDelayAsync(int seconds)
    {
        if (!_state.State.Exists) return Outcome<ModerationSettings>.From(Refusals.RoomNotFound);
        if (seconds is < 0 or > MaxNewViewerDelaySeconds)
        {
            return Outcome<ModerationSettings>.Refused(RefusalCode.Invalid, $"The wait for new viewers must be 0 to {MaxNewViewerDelaySeconds} seconds.");
        }

        if (_state.State.NewViewerDelaySeconds != seconds)
        {
            _state.State.NewViewerDelaySeconds = seconds;
            await _state.WriteStateAsync();
            Log.NewViewerDelayChanged(_logger, RoomId, seconds);
        }

        return Outcome<ModerationSettings>.Ok(Moderation());
    }

    private Refusal? Check(ViewerGate gate, bool speaking)
    {
        if (!_state.State.Exists) return Refusals.RoomNotFound;
        if (IsBanned(gate.Addresses)) return Refusals.AddressBanned;
        if (!speaking || _state.State.NewViewerDelaySeconds <= 0) return null;
        var wait = gate.RegisteredAt + TimeSpan.FromSeconds(_state.State.NewViewerDelaySeconds) - _time.GetUtcNow();
        return wait > TimeSpan.Zero ? Refusals.NewHere((int)Math.Ceiling(wait.TotalSeconds)) : null;
    }

    private bool IsBanned(string[] addresses)
    {
        var bans = _state.State.BannedAddresses;
        return bans.Count > 0 && addresses.Any(bans.Contains);
    }

    private ModerationSettings Moderation() => new(_state.State.NewViewerDelaySeconds, _state.State.BannedAddresses.Count);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1030, Level = LogLevel.Information, Message = "Room {RoomId}: {Count} client address(es) banned = {Banned}; {Total} banned in all")]
        public static partial void AddressBansChanged(ILogger logger, string roomId, int count, bool banned, int total);

        [LoggerMessage(EventId = 1031, Level = LogLevel.Information, Message = "Room {RoomId}: new viewers wait {Seconds} s before their first message")]
        public static partial void NewViewerDelayChanged(ILogger logger, string roomId, int seconds);
    }
}
