namespace LiveRoom.Contracts.Calls;

/// <summary>What was written and shared in calls (messages, and the files' descriptions; the bytes are in the media store).</summary>
public interface ICallItems
{
    Task SaveMessageAsync(CallMessage message, CancellationToken cancellationToken = default);

    Task SaveFileAsync(CallFile file, CancellationToken cancellationToken = default);

    /// <summary>The call's messages and files, each oldest first.</summary>
    Task<CallItemList> ListAsync(string callId, CancellationToken cancellationToken = default);

    /// <summary>One file of the call; null when the call has no such file.</summary>
    Task<CallFile?> GetFileAsync(string callId, string fileId, CancellationToken cancellationToken = default);
}
