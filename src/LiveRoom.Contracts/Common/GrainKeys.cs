using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Delivery;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Contracts.Viewers;

namespace LiveRoom.Contracts.Common;

/// <summary>The only place grain keys are built or taken apart.</summary>
public static class GrainKeys
{
    private const char Separator = '/';

    /// <summary>The key of a participant's grain in a room: <c>{roomId}/{participantId}</c>.</summary>
    public static string Viewer(string roomId, string participantId)
    {
        RequireKeyPart(roomId, nameof(roomId));
        RequireKeyPart(participantId, nameof(participantId));
        return string.Concat(roomId, Separator.ToString(), participantId);
    }

    public static (string RoomId, string ParticipantId) ParseViewer(string key)
    {
        var at = key.IndexOf(Separator, StringComparison.Ordinal);
        if (at <= 0 || at == key.Length - 1)
        {
            throw new FormatException($"'{key}' is not a participant key ({{roomId}}/{{participantId}}).");
        }

        return (key[..at], key[(at + 1)..]);
    }

    public static IRoomGrain Room(this IGrainFactory grains, string roomId)
    {
        RequireKeyPart(roomId, nameof(roomId));
        return grains.GetGrain<IRoomGrain>(roomId);
    }

    /// <summary>The presence of a person: a viewer identity or a staff user, by id.</summary>
    public static IPresenceGrain Presence(this IGrainFactory grains, string personId)
    {
        RequireKeyPart(personId, nameof(personId));
        return grains.GetGrain<IPresenceGrain>(personId);
    }

    public static ICallQueueGrain CallQueue(this IGrainFactory grains, string roomId)
    {
        RequireKeyPart(roomId, nameof(roomId));
        return grains.GetGrain<ICallQueueGrain>(roomId);
    }

    public static IAgentGrain Agent(this IGrainFactory grains, string staffId)
    {
        RequireKeyPart(staffId, nameof(staffId));
        return grains.GetGrain<IAgentGrain>(staffId);
    }

    public static ICallGrain Call(this IGrainFactory grains, string callId)
    {
        RequireKeyPart(callId, nameof(callId));
        return grains.GetGrain<ICallGrain>(callId);
    }

    public static IViewerGrain Viewer(this IGrainFactory grains, string roomId, string participantId) =>
        grains.GetGrain<IViewerGrain>(Viewer(roomId, participantId));

    private static void RequireKeyPart(string value, string name)
    {
        if (string.IsNullOrEmpty(value) || value.Contains(Separator, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A grain key part must be non-empty and contain no '{Separator}'.", name);
        }
    }
}
