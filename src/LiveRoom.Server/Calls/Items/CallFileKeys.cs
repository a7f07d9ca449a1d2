using LiveRoom.Storage.Media;

namespace LiveRoom.Server.Calls.Items;

/// <summary>Where a call's files are in the media store: under its private prefix, so <c>/media</c> never serves them.</summary>
public static class CallFileKeys
{
    public static string For(string callId, string fileId) => $"{MediaKeys.PrivatePrefix}calls/{callId}/files/{fileId}";
}
