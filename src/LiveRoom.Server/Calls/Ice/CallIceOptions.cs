using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Server.Calls.Ice;

/// <summary>
/// The STUN and TURN servers given to the browsers in a private call (section <c>LiveRoom:Calls:Ice</c>).
/// By default there are none: browsers then connect only where they can reach each other directly.
/// </summary>
public sealed class CallIceOptions : IValidatableObject
{
    public const string SectionName = "LiveRoom:Calls:Ice";

    /// <summary>The shortest TURN secret accepted: a short shared secret can be found by trying HMACs offline.</summary>
    public const int MinimumSecretLength = 16;

    /// <summary>Servers handed to every participant as they are written (<c>LiveRoom:Calls:Ice:Servers:0:Urls:0</c>, ...).</summary>
    public List<IceServerOptions> Servers { get; set; } = [];

    /// <summary>LiveRoom's own TURN relay, with a credential minted per call and participant.</summary>
    public TurnRelayOptions Turn { get; set; } = new();

    /// <summary>
    /// <c>all</c> (default): browsers connect directly where they can, through a relay where they must.
    /// <c>relay</c>: every call goes through the TURN relay (it hides participants' addresses from each other).
    /// </summary>
    [RegularExpression("^(all|relay)$")]
    public string TransportPolicy { get; set; } = "all";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Servers.Count; i++)
        {
            var server = Servers[i];
            var name = $"{SectionName}:Servers:{i}";
            if (server.Urls.Count == 0)
            {
                yield return new ValidationResult($"{name}:Urls is empty: give the server at least one stun:, turn: or turns: URL.");
            }

            foreach (var url in server.Urls)
            {
                if (!IsIceUrl(url, allowStun: true))
                {
                    yield return new ValidationResult($"{name}:Urls has '{url}': ICE server URLs start with stun:, turn: or turns:.");
                }
            }

            if (server.Urls.Any(IsTurnUrl) && (string.IsNullOrEmpty(server.Username) || string.IsNullOrEmpty(server.Credential)))
            {
                yield return new ValidationResult($"{name} is a TURN server: set its Username and Credential (browsers refuse a TURN server without them).");
            }
        }

        foreach (var url in Turn.Urls)
        {
            if (!IsIceUrl(url, allowStun: false))
            {
                yield return new ValidationResult($"{SectionName}:Turn:Urls has '{url}': the relay's URLs start with turn: or turns:.");
            }
        }

        if (TransportPolicy == "relay" && Turn.Urls.Count == 0 && !Servers.Any(s => s.Urls.Any(IsTurnUrl)))
        {
            yield return new ValidationResult($"{SectionName}:TransportPolicy is relay but no TURN server is configured: calls could never connect.");
        }

        if (Turn.Urls.Count > 0 && string.IsNullOrEmpty(Turn.Secret))
        {
            yield return new ValidationResult($"{SectionName}:Turn:Urls is set but Turn:Secret is not: set the secret coturn was started with (static-auth-secret), e.g. with the environment variable LiveRoom__Calls__Ice__Turn__Secret.");
        }
        else if (Turn.Urls.Count > 0 && Turn.Secret!.Length < MinimumSecretLength)
        {
            yield return new ValidationResult($"{SectionName}:Turn:Secret is {Turn.Secret.Length} characters long: use at least {MinimumSecretLength} (32 or more random characters are better).");
        }
        else if (Turn.Urls.Count == 0 && !string.IsNullOrEmpty(Turn.Secret))
        {
            yield return new ValidationResult($"{SectionName}:Turn:Secret is set but Turn:Urls is empty: without URLs no relay is handed out. Set the relay's turn: URLs too, or remove the secret.");
        }

        if (Turn.CallLengthSeconds <= 0)
        {
            yield return new ValidationResult($"{SectionName}:Turn:CallLengthSeconds must be more than 0.");
        }

        if (Turn.MarginSeconds < 0)
        {
            yield return new ValidationResult($"{SectionName}:Turn:MarginSeconds must not be negative.");
        }
    }

    private static bool IsTurnUrl(string url) =>
        url.StartsWith("turn:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("turns:", StringComparison.OrdinalIgnoreCase);

    private static bool IsIceUrl(string url, bool allowStun) =>
        url.Length > "turn:".Length && !url.Any(char.IsWhiteSpace)
        && (IsTurnUrl(url) || (allowStun && (url.StartsWith("stun:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("stuns:", StringComparison.OrdinalIgnoreCase))));
}
