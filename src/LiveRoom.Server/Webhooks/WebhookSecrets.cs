using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LiveRoom.Server.Webhooks;

/// <summary>
/// Standard Webhooks secrets and signatures: a secret is <c>whsec_</c> and the base64 of 32 random bytes; a
/// signature is <c>v1,</c> and the base64 HMAC-SHA256, keyed with those bytes, of <c>{id}.{timestamp}.{body}</c>.
/// </summary>
public static class WebhookSecrets
{
    public const string Prefix = "whsec_";

    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>webhook-signature</c> header: one <c>v1,…</c> per secret, separated by spaces.</summary>
    public static string Signature(IEnumerable<string> secrets, string id, long timestamp, string body)
    {
        var content = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}.{timestamp}.{body}"));
        return string.Join(' ', secrets.Select(secret => "v1," + Convert.ToBase64String(HMACSHA256.HashData(KeyBytes(secret), content))));
    }

    private static byte[] KeyBytes(string secret) =>
        Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
}
