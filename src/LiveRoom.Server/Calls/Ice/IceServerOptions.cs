namespace LiveRoom.Server.Calls.Ice;

/// <summary>
/// A STUN or TURN server every call participant is given as it is written (an entry of
/// <c>LiveRoom:Calls:Ice:Servers</c>), e.g. a public STUN server, or a TURN service with fixed credentials.
/// </summary>
public sealed class IceServerOptions
{
    /// <summary><c>stun:</c>, <c>turn:</c> or <c>turns:</c> URLs of one server (RFC 7064, RFC 7065).</summary>
    public List<string> Urls { get; set; } = [];

    /// <summary>The username for a <c>turn:</c>/<c>turns:</c> server; none for STUN.</summary>
    public string? Username { get; set; }

    /// <summary>The password for a <c>turn:</c>/<c>turns:</c> server; none for STUN.</summary>
    public string? Credential { get; set; }
}
