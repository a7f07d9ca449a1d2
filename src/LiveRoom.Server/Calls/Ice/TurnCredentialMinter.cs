using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LiveRoom.Contracts.Calls;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Calls.Ice;

/// <summary>
/// The ICE servers for one participant of one call: the configured servers, and, when LiveRoom's TURN relay is
/// configured, a credential for it that only this participant of this call holds (coturn's TURN REST scheme,
/// <c>use-auth-secret</c>): username <c>&lt;unix expiry&gt;:&lt;callId&gt;:&lt;participantId&gt;</c>, password
/// base64(HMAC-SHA1(secret, username)). coturn recomputes the password from the shared secret and refuses the
/// username after its expiry, so nothing is stored and a credential dies with its call. Hand these only to
/// participants of the call: anyone holding them can relay through the server until they expire.
/// </summary>
public sealed partial class TurnCredentialMinter
{
    /// <summary>STUN limits a USERNAME to fewer than 509 bytes of UTF-8 (RFC 8489, 14.3).</summary>
    private const int MaxUsernameBytes = 508;

    private readonly CallIceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TurnCredentialMinter> _logger;
    private readonly IceServer[] _configured;
    private readonly byte[]? _secret;

    public TurnCredentialMinter(IOptions<CallIceOptions> options, TimeProvider time, ILogger<TurnCredentialMinter> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _configured = [.. _options.Servers.Select(s => new IceServer([.. s.Urls], NullIfEmpty(s.Username), NullIfEmpty(s.Credential)))];
        _secret = _options.Turn.Enabled ? Encoding.UTF8.GetBytes(_options.Turn.Secret!) : null;
    }

    /// <summary>True when the list includes a minted credential for LiveRoom's relay.</summary>
    public bool MintsTurnCredentials => _secret is not null;

    /// <summary>
    /// The ICE servers for <paramref name="participantId"/> in <paramref name="callId"/>: the configured ones, then
    /// (when the relay is configured) the relay with a credential valid for <paramref name="expectedCallLength"/>
    /// (or <c>Turn:CallLengthSeconds</c>) plus <c>Turn:MarginSeconds</c> from now.
    /// </summary>
    /// <exception cref="ArgumentException">An id is empty, contains ':' or a control character, or the two make a username too long for STUN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedCallLength"/> is not positive.</exception>
    public IReadOnlyList<IceServer> For(string callId, string participantId, TimeSpan? expectedCallLength = null)
    {
        CheckId(callId, nameof(callId));
        CheckId(participantId, nameof(participantId));
        if (expectedCallLength is { } length && length <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(expectedCallLength), length, "A call's expected length must be positive.");
        }

        if (_secret is null) return _configured;

        var lifetime = (expectedCallLength ?? TimeSpan.FromSeconds(_options.Turn.CallLengthSeconds)) + TimeSpan.FromSeconds(_options.Turn.MarginSeconds);
        var expiry = _time.GetUtcNow() + lifetime;
        var username = string.Create(CultureInfo.InvariantCulture, $"{expiry.ToUnixTimeSeconds()}:{callId}:{participantId}");
        if (Encoding.UTF8.GetByteCount(username) > MaxUsernameBytes)
        {
            throw new ArgumentException($"The call and participant ids make a TURN username of more than {MaxUsernameBytes} bytes.", nameof(participantId));
        }

        var password = Convert.ToBase64String(HMACSHA1.HashData(_secret, Encoding.UTF8.GetBytes(username)));
        Log.Minted(_logger, callId, participantId, expiry);
        return [.. _configured, new IceServer([.. _options.Turn.Urls], username, password)];
    }

    private static void CheckId(string id, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(id, name);
        // ':' separates the expiry, call and participant in the username: an id holding one could pose as another.
        if (id.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{id}' contains ':', which separates the parts of a TURN username.", name);
        }

        if (id.Any(char.IsControl))
        {
            throw new ArgumentException("A call or participant id must not contain control characters.", name);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static partial class Log
    {
        // Never the password: with the username it is the credential.
        [LoggerMessage(EventId = 9101, Level = LogLevel.Debug, Message = "Minted a TURN credential for participant {ParticipantId} of call {CallId}, valid until {Expiry}")]
        public static partial void Minted(ILogger logger, string callId, string participantId, DateTimeOffset expiry);
    }
}
