namespace LiveRoom.Server.Calls.Ice;

/// <summary>
/// LiveRoom's own TURN relay (<c>LiveRoom:Calls:Ice:Turn</c>): a coturn with <c>use-auth-secret</c> sharing
/// <see cref="Secret"/> with this server, which mints each call participant a credential of their own.
/// Minting is on when both <see cref="Urls"/> and <see cref="Secret"/> are set.
/// </summary>
public sealed class TurnRelayOptions
{
    /// <summary>
    /// The relay's <c>turn:</c>/<c>turns:</c> URLs, e.g. <c>turn:turn.example.com:3478?transport=udp</c>,
    /// <c>turns:turn.example.com:5349?transport=tcp</c>. Empty: no relay of LiveRoom's own.
    /// </summary>
    public List<string> Urls { get; set; } = [];

    /// <summary>
    /// coturn's <c>static-auth-secret</c>: at least 16 characters (32 or more random ones advised). Keep it out
    /// of files under version control: set it with the environment variable
    /// <c>LiveRoom__Calls__Ice__Turn__Secret</c> or a secret store.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>How long a call is taken to last when the caller of the minter does not say (default 2 hours).</summary>
    public int CallLengthSeconds { get; set; } = 2 * 60 * 60;

    /// <summary>
    /// How much longer than the call a credential stays valid (default 10 minutes). coturn checks the expiry on
    /// every refresh of an allocation and of its permissions, not only on the first request, so a credential
    /// that expires during a call ends its relayed media within minutes.
    /// </summary>
    public int MarginSeconds { get; set; } = 10 * 60;

    /// <summary>True when credentials are minted: URLs and a secret are both set.</summary>
    public bool Enabled => Urls.Count > 0 && !string.IsNullOrEmpty(Secret);
}
