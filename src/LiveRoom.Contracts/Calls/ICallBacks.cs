namespace LiveRoom.Contracts.Calls;

/// <summary>Call-back requests, kept in the business database.</summary>
public interface ICallBacks
{
    /// <summary>Stores the viewer's open call-back in the room, or updates it (one open per viewer and room); returns it as stored.</summary>
    Task<CallBack> SaveOpenAsync(CallBack callBack, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CallBack>> ListAsync(string? roomId, CallBackStatus? status, int limit, CancellationToken cancellationToken = default);

    /// <summary>Marks a call-back done; null when there is none with that id.</summary>
    Task<CallBack?> MarkDoneAsync(string id, string doneBy, string? note, DateTimeOffset at, CancellationToken cancellationToken = default);
}
