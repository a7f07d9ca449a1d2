using System.Globalization;
using LiveRoom.Storage.Media;

namespace LiveRoom.Server.Calls.Recording;

/// <summary>
/// Where a call's recording lives in the media store: under the private prefix, which <c>/media</c> never serves
/// (a call's recording is for staff who take calls only, through <c>GET /api/calls/{callId}/recording</c>).
/// A chunk's key carries the start of its digest, so two different bodies sent for one place never overwrite
/// each other: the one the chunk table names is the one kept.
/// </summary>
internal static class CallRecordingKeys
{
    public static string Chunk(string callId, int take, int seq, byte[] sha256) =>
        string.Create(CultureInfo.InvariantCulture, $"{MediaKeys.PrivatePrefix}calls/{callId}/takes/{take}/{seq:D6}-{Convert.ToHexStringLower(sha256, 0, 8)}.webm");

    public static string Chunk(string callId, int take, int seq, string sha256Base64) => Chunk(callId, take, seq, Convert.FromBase64String(sha256Base64));

    public static string Mp4(string callId) => $"{MediaKeys.PrivatePrefix}calls/{callId}/recording.mp4";

    /// <summary>The address staff fetch the recording at.</summary>
    public static string Url(string callId) => $"/api/calls/{callId}/recording";
}
